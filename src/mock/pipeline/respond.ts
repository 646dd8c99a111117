import type { Socket } from 'node:net';
import { failure, httpStatusOf, type MockFailure } from '../failure.js';
import { applyFault, FAULT_STATUS } from '../faults.js';
import type { AppliedFault } from '../journal/recorded-request.js';
import { type Document, JSON_TYPE, send, sendDocument, sendFailure } from '../respond.js';
import type { Fault } from '../steering.js';
import type { PipelineConfig, RequestContext } from './context.js';

/**
 * Respond: every answer of the mock leaves through here, and here only the request's journal
 * entry is finished (status, error code) and handed to the recorder.
 */
export class Responder {
  /** Sockets held by `fault=stall`, ended when the server closes. */
  readonly stalled = new Set<Socket>();

  constructor(private readonly config: PipelineConfig) {}

  /** A document in the asked format (JSON when none was read). */
  document(ctx: RequestContext, doc: Document): void {
    sendDocument(ctx.res, doc, ctx.format ?? 'json', this.config.adminRoot);
    this.finish(ctx, 200);
  }

  /** A control endpoint's JSON: its own text, or the value as compact JSON. */
  json(ctx: RequestContext, body: unknown): void {
    send(ctx.res, 200, JSON_TYPE, typeof body === 'string' ? body : JSON.stringify(body));
    this.finish(ctx, 200);
  }

  /** A preflight or other bodiless answer. */
  empty(ctx: RequestContext, status: number, headers: Readonly<Record<string, string>>): void {
    ctx.res.writeHead(status, headers);
    ctx.res.end();
    this.finish(ctx, status);
  }

  /** A refusal as an ArcGIS error envelope (unless the answer has gone, or the client has). */
  fail(ctx: RequestContext, f: MockFailure): void {
    if (ctx.res.headersSent || ctx.res.destroyed) return this.finish(ctx, null);
    sendFailure(ctx.res, f, this.config.errorStatus, ctx.format);
    this.finish(ctx, httpStatusOf(f, this.config.errorStatus), f);
  }

  /** Something went wrong inside the mock: a 500 envelope, never a stack at the client. */
  internalError(ctx: RequestContext): void {
    this.fail(ctx, failure(500));
  }

  /** A steered or seeded fault (reset, stall, broken HTML or JSON) instead of an answer. */
  fault(ctx: RequestContext, fault: AppliedFault & { kind: Fault }): void {
    this.noteFault(ctx, fault);
    applyFault(fault.kind, ctx.req, ctx.res, this.stalled);
    this.finish(ctx, FAULT_STATUS[fault.kind]);
  }

  noteFault(ctx: RequestContext, fault: AppliedFault): void {
    if (ctx.exchange) ctx.exchange.fault = fault;
  }

  /** The one place an entry is finished: the answer's HTTP status (null: none sent) and the envelope's code. */
  finish(ctx: RequestContext, status: number | null, f?: MockFailure): void {
    const ex = ctx.exchange;
    if (!ex || ex.finished) return;
    ex.status = status;
    if (f && status !== null) {
      ex.errorCode = f.code;
      ex.errorMessage = f.message;
    }
    this.config.recorder.finish(ex);
  }
}
