import type { ResponseModel } from '../../../contract/model.js';
import type { RuleDefinition } from '../change.js';
import { pairMediaTypes } from '../media-types.js';
import { componentOf, type OperationPair, operationSite } from '../operation-pair.js';
import { rule } from './define.js';

/** Response statuses and media types removed or added; their schemas are diffed as responses. */
export const RESPONSE_RULES: readonly RuleDefinition[] = [
  rule(
    'response-success-status-removed',
    'responses',
    'breaking-for-clients',
    'a success status is no longer answered: clients that wait for it break',
    { oasdiff: 'response-success-status-removed' },
  ),
  rule(
    'response-non-success-status-removed',
    'responses',
    'breaking-for-servers',
    'an error status is no longer documented: servers that send it no longer conform',
    { oasdiff: 'response-non-success-status-removed' },
  ),
  rule(
    'response-success-status-added',
    'responses',
    'breaking-for-clients',
    'a success status was added: clients must handle it',
    { severity: 'warning', oasdiff: 'response-success-status-added' },
  ),
  rule(
    'response-non-success-status-added',
    'responses',
    'breaking-for-clients',
    'an error status was added: clients should handle it',
    { severity: 'info', oasdiff: 'response-non-success-status-added' },
  ),
  rule(
    'response-media-type-removed',
    'responses',
    'breaking-for-clients',
    'a response media type was removed: clients that ask for it break',
    { oasdiff: 'response-media-type-removed' },
  ),
  rule('response-media-type-added', 'responses', 'compatible', 'a response media type was added', {
    oasdiff: 'response-media-type-added',
  }),
];

function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

/** The response a spec gives for a status: exact, then its range (`4XX`), then `default`. */
function covering(responses: ReadonlyMap<string, ResponseModel>, status: string): ResponseModel | undefined {
  return (
    responses.get(status) ??
    responses.get(`${status[0]}XX`) ??
    responses.get(`${status[0]}xx`) ??
    (isSuccess(status) ? undefined : responses.get('default'))
  );
}

/** Compares the responses of one operation in OLD and NEW. */
export function diffResponses(pair: OperationPair): void {
  const operation = pair.new.operationId;
  for (const [status, before] of pair.old.responses) {
    const after = covering(pair.new.responses, status);
    const site = operationSite(
      pair.new,
      `${operation} ${status}`,
      componentOf(pair.oldDocument, pair.old, 'responses', status) ?? `${operation} ${status}`,
    );
    if (!after) {
      pair.collector.emit(
        isSuccess(status) ? 'response-success-status-removed' : 'response-non-success-status-removed',
        site,
        `status ${status} removed`,
      );
      continue;
    }
    const { removed, added, pairs } = pairMediaTypes(before.content, after.content);
    for (const media of removed)
      pair.collector.emit('response-media-type-removed', site, `media type ${media.mediaType} removed from ${status}`);
    for (const media of added)
      pair.collector.emit('response-media-type-added', site, `media type ${media.mediaType} added to ${status}`);
    for (const [o, n] of pairs) {
      if (o.schema === undefined || n.schema === undefined) continue;
      const where = `${operation} ${status} ${n.mediaType}`;
      pair.schemas.compare([{ schema: o.schema, owner: undefined }], [{ schema: n.schema, owner: undefined }], {
        operation,
        where,
        direction: 'response',
        pointer: '',
        location: where,
      });
    }
  }
  for (const status of pair.new.responses.keys()) {
    if (covering(pair.old.responses, status)) continue;
    pair.collector.emit(
      isSuccess(status) ? 'response-success-status-added' : 'response-non-success-status-added',
      operationSite(pair.new, `${operation} ${status}`),
      `status ${status} added`,
    );
  }
}
