import { dateStyleOf } from '../../domain/dates.js';
import { runDocument } from '../../domain/run-document.js';
import { isKnownTaskType, RUN_DURATION_S, runResultText } from '../../fixtures/run-outcomes.js';
import type { Run, RunStatus, Task } from '../../shapes/contract-types.js';
import { seededRandom } from '../seeded-random.js';
import type { Decision } from './outcomes.js';

/** A firing's run is `scheduled` this long before it executes (or ends as skipped or submitfailed). */
export const SUBMIT_MS = 1000;

/**
 * One firing's run from start to end: a pure function of the task, the firing time, the decision and
 * the seed. Its document at any instant comes from `runAt`, so a run looks the same whether the clock
 * got there in one advance or in many.
 */
export interface PlannedRun {
  readonly runId: string;
  readonly fireMs: number;
  readonly status: Exclude<RunStatus, 'scheduled' | 'executing'>;
  readonly result: string;
  /** When it leaves `scheduled`: executing, or its end for skipped and submitfailed. */
  readonly startMs: number;
  /** When it reaches its final status. */
  readonly endMs: number;
  readonly style: 'epoch' | 'formatted';
}

/**
 * The run of `task` firing at `fireMs`: its id, how long it takes (the type's duration range; whole
 * seconds for formatted dates) and what it reports, drawn from a stream seeded by the mock's seed, the
 * task and the firing, so the same firing always gives the same run.
 */
export function planRun(
  task: Task,
  fireMs: number,
  decision: Decision,
  seed: number | string,
  runId?: string,
): PlannedRun {
  const random = seededRandom(seed, `run:${task.taskId}:${fireMs}`);
  const id = random.hex32();
  const style = dateStyleOf(task.created) ?? 'epoch';
  const taskType = isKnownTaskType(task.taskType) ? task.taskType : 'CleanGPJobs';
  const executes = decision.outcome === 'succeeded' || decision.outcome === 'failed';
  const range = RUN_DURATION_S[taskType];
  const durationMs = random.between(range.min, range.max) * 1000 + (style === 'epoch' ? random.between(0, 999) : 0);
  const result = decision.message ?? runResultText(taskType, decision.outcome, (n) => random.between(0, n - 1));
  return {
    runId: runId ?? id,
    fireMs,
    status: decision.outcome,
    result,
    startMs: fireMs + SUBMIT_MS,
    endMs: executes ? fireMs + SUBMIT_MS + durationMs : fireMs + SUBMIT_MS,
    style,
  };
}

/** The run's document at `nowMs` (at or after it fired), with `task` embedded. */
export function runAt(plan: PlannedRun, task: Task, nowMs: number): Run {
  let status: RunStatus = 'scheduled';
  let modified = plan.fireMs;
  if (nowMs >= plan.endMs) {
    status = plan.status;
    modified = plan.endMs;
  } else if (nowMs >= plan.startMs) {
    status = 'executing';
    modified = plan.startMs;
  }
  return runDocument({
    runId: plan.runId,
    status,
    result: status === plan.status ? plan.result : '',
    createdMs: plan.fireMs,
    modifiedMs: modified,
    style: plan.style,
    task,
  });
}

/** The next instant after `nowMs` at which the run's document changes, or undefined once it is final. */
export function nextChange(plan: PlannedRun, nowMs: number): number | undefined {
  if (nowMs < plan.startMs) return plan.startMs;
  if (nowMs < plan.endMs) return plan.endMs;
  return undefined;
}
