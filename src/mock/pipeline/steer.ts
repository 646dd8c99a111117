import { failure, type MockFailure } from '../failure.js';
import { RUN_FAULTS, type RunFault } from '../faults.js';
import type { AppliedFault } from '../journal/recorded-request.js';
import { rawHeader } from '../raw-header.js';
import { type Fault, parsePrefer, type Steering } from '../steering.js';
import type { PipelineConfig, RequestContext } from './context.js';

/** How a request to an operation is steered: its `Prefer` header, and the seeded fault and latency drawn for it. */
export interface SteeringPlan {
  readonly steering: Steering;
  readonly runFault: RunFault | undefined;
  readonly delayMs: number;
}

function drawLatency(config: PipelineConfig): number {
  const latency = config.latency;
  return latency ? config.chaos.between(latency.min, latency.max) : 0;
}

function drawRunFault(config: PipelineConfig): RunFault | undefined {
  if (config.faultRate <= 0 || config.chaos.next() >= config.faultRate) return undefined;
  return RUN_FAULTS[config.chaos.between(0, RUN_FAULTS.length - 1)];
}

/** Steer, first step: reads `Prefer` and draws from the seeded streams (in this order, so a seed replays). */
export function planSteering(config: PipelineConfig, ctx: RequestContext): SteeringPlan {
  const prefer = rawHeader(ctx.req, 'prefer');
  const steering = parsePrefer(prefer);
  const runFault = drawRunFault(config);
  const delayMs = (steering.delayMs ?? 0) + drawLatency(config);
  const ex = ctx.exchange;
  if (ex && ctx.route.kind === 'operation') {
    ex.operationId = ctx.route.match.operation.operationId;
    ex.pathParams = ctx.route.match.pathParams;
    if (prefer !== undefined) ex.steering = steering;
    ex.delayMs = delayMs;
  }
  return { steering, runFault, delayMs };
}

/** What steering does instead of the operation: a fault, or an error envelope (noting the fault that chose it). */
export type Steered =
  | { readonly kind: 'fault'; readonly fault: AppliedFault & { kind: Fault } }
  | { readonly kind: 'failure'; readonly failure: MockFailure; readonly fault?: AppliedFault };

/** Steer, second step (once the delay is over): a fault, a `code=`, or a refused `example=` win over the operation. */
export function steeredAnswer(plan: SteeringPlan): Steered | undefined {
  const { steering, runFault } = plan;
  if (steering.fault) return { kind: 'fault', fault: { kind: steering.fault, source: 'prefer' } };
  if (runFault === 'error-500')
    return { kind: 'failure', failure: failure(500), fault: { kind: runFault, source: 'fault-rate' } };
  if (runFault) return { kind: 'fault', fault: { kind: runFault, source: 'fault-rate' } };
  if (steering.code !== undefined) return { kind: 'failure', failure: failure(steering.code) };
  if (steering.unknownExample === undefined) return undefined;
  return {
    kind: 'failure',
    failure: failure(400, 'Unable to complete operation.', [
      `Prefer example=${steering.unknownExample} names no task type.`,
    ]),
  };
}
