import type { ControlAnswer } from '../control/answer.js';
import { refused } from '../control/answer.js';
import { failure } from '../failure.js';
import { HANDLERS } from '../handlers.js';
import { adminRootDocument } from '../release-gate.js';
import type { Document, Outcome } from '../respond.js';
import type { Steering } from '../steering.js';
import type { PipelineConfig, RequestContext } from './context.js';

/** Dispatch to the operation's handler (the contract's operationId names it). */
export function dispatchOperation(config: PipelineConfig, ctx: RequestContext, steering: Steering): Outcome {
  if (ctx.route.kind !== 'operation') return failure(404);
  const { operation, pathParams } = ctx.route.match;
  const handler = HANDLERS[operation.operationId];
  return handler
    ? handler(config.services, { operation, pathParams, params: ctx.params, form: ctx.form, steering })
    : failure(404, `Operation '${operation.operationId}' is not implemented by the mock.`);
}

/**
 * Dispatch to a control endpoint of the one table (control/table.ts). A field sent twice is
 * refused here for all of them: which value would count is not obvious to the caller.
 */
export function dispatchControl(
  config: PipelineConfig,
  ctx: RequestContext,
): ControlAnswer | string | Promise<ControlAnswer> {
  if (ctx.route.kind !== 'control') return failure(404);
  if (ctx.repeated !== undefined)
    return refused('complete operation', `The field '${ctx.repeated}' was sent more than once; send it once.`);
  return ctx.route.endpoint(config.control, ctx.params, ctx.route.method);
}

/** The admin directory (`/admin`, `/admin/system`): what is below it. */
export function directoryDocument(config: PipelineConfig, segments: readonly string[]): Document {
  const child = segments.length === 0 ? 'system' : 'tasks';
  return {
    kind: 'document',
    value:
      segments.length === 0 ? adminRootDocument(config.services.release, config.siteVersion) : { resources: [child] },
    page: () => ({
      title: segments.length === 0 ? 'Home' : 'system',
      breadcrumbs: segments,
      childResources: [{ label: child, href: [...segments, child].join('/') }],
    }),
  };
}
