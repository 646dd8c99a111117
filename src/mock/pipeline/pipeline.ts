import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ControlAnswer } from '../control/answer.js';
import { failure, type MockFailure } from '../failure.js';
import type { JournaledResponse } from '../journal/exchange.js';
import { REFUSALS } from '../journal/refusals.js';
import { CONTROL_PREFIX } from '../router.js';
import { authenticate } from './authenticate.js';
import type { PipelineConfig, RequestContext } from './context.js';
import { guardControl } from './control-guard.js';
import { directoryDocument, dispatchControl, dispatchOperation } from './dispatch.js';
import { beginRequest, checkTarget, readInput } from './read.js';
import { Responder } from './respond.js';
import { allowOrigin, preflightHeaders, routeRequest } from './route.js';
import { planSteering, type SteeringPlan, steeredAnswer } from './steer.js';

/**
 * A handler that may take a request whole before the stages run (a page of the mock's own, such as
 * a dashboard): it answers and returns true, or returns false and the stages go on.
 */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * One request, start to end, as stages (one module each): read (the request line, then the form)
 * -> route (the spec's operation model, or the control table) -> steer (Prefer, seeded faults and
 * latency) -> authenticate -> dispatch -> respond. Every refusal is a `MockFailure` rendered as an
 * ArcGIS error envelope by the respond stage, which alone finishes the request's journal entry.
 * A POST waits for the form validators, compiled when the first one comes (late-validators.ts).
 */
export class Pipeline {
  private readonly respond: Responder;

  constructor(
    private readonly config: PipelineConfig,
    /** Tried first, in order (see RouteHandler). */
    private readonly routeHandlers: readonly RouteHandler[] = [],
  ) {
    this.respond = new Responder(config);
  }

  /** Sockets held by `fault=stall`, ended when the server closes. */
  get stalled(): Set<Socket> {
    return this.respond.stalled;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    // first step: a route handler of the mock's own may take the request whole
    for (const take of this.routeHandlers) if (take(req, res)) return;
    const ctx = beginRequest(this.config, req, res as JournaledResponse);
    try {
      this.start(ctx);
    } catch {
      // a bug must cost one answer, not the process
      this.respond.internalError(ctx);
    }
  }

  private start(ctx: RequestContext): void {
    allowOrigin(ctx);
    const tooLong = checkTarget(ctx);
    if (tooLong) return this.respond.fail(ctx, tooLong);
    if (ctx.path.startsWith(CONTROL_PREFIX)) {
      const refused = guardControl(ctx, this.config.controlToken);
      if (refused) {
        ctx.req.resume(); // drain the body unread, so keep-alive still works
        return this.respond.fail(ctx, refused);
      }
    }
    if (ctx.method === 'OPTIONS') {
      if (ctx.exchange) ctx.exchange.route = 'other';
      return this.respond.empty(ctx, 204, preflightHeaders(ctx));
    }
    routeRequest(this.config, ctx);
    // every form the mock checks comes by POST: only then wait for the validators (compiled once,
    // while the body arrives)
    const compiling = ctx.method === 'POST' ? this.config.forms.ready() : undefined;
    compiling?.catch(() => undefined); // answered below, once the body is read
    readInput(ctx, this.config.tokens, (refusal) => {
      if (!compiling || this.config.forms.compiled) return this.guarded(ctx, () => this.routed(ctx, refusal));
      compiling.then(
        () => this.guarded(ctx, () => this.routed(ctx, refusal)),
        () => this.respond.internalError(ctx),
      );
    });
  }

  private guarded(ctx: RequestContext, step: () => void): void {
    try {
      step();
    } catch {
      this.respond.internalError(ctx);
    }
  }

  /** After reading: where the route goes (the operation's way is steered first). */
  private routed(ctx: RequestContext, refusal: MockFailure | undefined): void {
    if (refusal) return this.respond.fail(ctx, refusal);
    const route = ctx.route;
    if (route.kind === 'notFound')
      return this.respond.fail(ctx, failure(404, `Could not find resource or operation '${ctx.path}'.`));
    if (route.kind === 'methodNotAllowed') {
      const allowed = route.allowed.join(', ');
      return this.respond.fail(
        ctx,
        failure(405, `Method not supported. Use ${route.allowed.join(' or ')}.`, [], { headers: { Allow: allowed } }),
      );
    }
    if (route.kind === 'control') return this.control(ctx);
    if (ctx.exchange) ctx.exchange.route = route.kind === 'operation' ? 'operation' : 'other';
    if (route.kind === 'directory') return this.respond.document(ctx, directoryDocument(this.config, route.segments));
    const plan = planSteering(this.config, ctx);
    if (plan.delayMs <= 0) return this.operation(ctx, plan);
    const timer = setTimeout(() => this.guarded(ctx, () => this.operation(ctx, plan)), plan.delayMs);
    ctx.res.once('close', () => {
      clearTimeout(timer);
      this.respond.finish(ctx, null); // the client left first (after an answer, a no-op)
    });
  }

  /** Steer, authenticate, dispatch, respond. */
  private operation(ctx: RequestContext, plan: SteeringPlan): void {
    if (ctx.res.destroyed) return this.respond.finish(ctx, null);
    const steered = steeredAnswer(plan);
    if (steered?.kind === 'fault') return this.respond.fault(ctx, steered.fault);
    if (steered) {
      if (steered.fault) this.respond.noteFault(ctx, steered.fault);
      return this.respond.fail(ctx, steered.failure);
    }
    const refused = authenticate(this.config, ctx);
    if (refused) {
      if (ctx.exchange && refused.code === 499) ctx.exchange.refusal = REFUSALS.noToken();
      return this.respond.fail(ctx, refused);
    }
    const outcome = dispatchOperation(this.config, ctx, plan.steering);
    if (outcome.kind === 'failure') return this.respond.fail(ctx, outcome);
    this.respond.document(ctx, outcome);
  }

  private control(ctx: RequestContext): void {
    ctx.format = 'json'; // control endpoints answer JSON; the journal's pretty-prints itself for f=pjson
    const answer = dispatchControl(this.config, ctx);
    if (answer instanceof Promise) {
      answer.then(
        (a) => this.controlAnswer(ctx, a),
        () => this.respond.internalError(ctx),
      );
    } else {
      this.controlAnswer(ctx, answer);
    }
  }

  private controlAnswer(ctx: RequestContext, answer: ControlAnswer | string): void {
    if (typeof answer === 'string') return this.respond.json(ctx, answer);
    if (answer.kind === 'failure') return this.respond.fail(ctx, answer);
    this.respond.json(ctx, answer.body);
  }

  /** Journals a request node refused before it reached the pipeline (see server.ts). */
  recordClientError(requestLine: string | undefined, status: number, reason: string): void {
    this.config.recorder.recordClientError(requestLine, status, REFUSALS.brokenHttp(status, reason));
  }
}
