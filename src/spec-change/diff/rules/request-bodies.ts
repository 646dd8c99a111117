import type { RuleDefinition } from '../change.js';
import { pairMediaTypes } from '../media-types.js';
import { componentOf, type OperationPair, operationSite } from '../operation-pair.js';
import { rule } from './define.js';

/** Request bodies added, removed, required or not, and their media types; their schemas are diffed as requests. */
export const REQUEST_BODY_RULES: readonly RuleDefinition[] = [
  rule('request-body-added-required', 'request-bodies', 'breaking-for-clients', 'a required request body was added'),
  rule('request-body-added-optional', 'request-bodies', 'breaking-for-servers', 'an optional request body was added', {
    severity: 'info',
  }),
  rule('request-body-removed', 'request-bodies', 'breaking-for-clients', 'the request body was removed', {
    severity: 'warning',
  }),
  rule('request-body-became-required', 'request-bodies', 'breaking-for-clients', 'the request body became required', {
    oasdiff: 'request-body-became-required',
  }),
  rule(
    'request-body-became-optional',
    'request-bodies',
    'breaking-for-servers',
    'the request body is no longer required',
    { severity: 'info', oasdiff: 'request-body-became-optional' },
  ),
  rule(
    'request-body-media-type-removed',
    'request-bodies',
    'breaking-for-clients',
    'a request media type is no longer accepted',
    { oasdiff: 'request-body-media-type-removed' },
  ),
  rule('request-body-media-type-added', 'request-bodies', 'breaking-for-servers', 'a request media type was added', {
    severity: 'info',
    oasdiff: 'request-body-media-type-added',
  }),
];

/** Compares the request bodies of one operation in OLD and NEW. */
export function diffRequestBodies(pair: OperationPair): void {
  const before = pair.old.requestBody;
  const after = pair.new.requestBody;
  const where = `${pair.new.operationId} request`;
  const location =
    componentOf(pair.newDocument, pair.new, 'requestBodies') ??
    componentOf(pair.oldDocument, pair.old, 'requestBodies') ??
    `${pair.new.operationId} request body`;
  const site = operationSite(pair.new, where, location);
  if (!before && !after) return;
  if (!before) {
    pair.collector.emit(
      after!.required ? 'request-body-added-required' : 'request-body-added-optional',
      site,
      `${after!.required ? 'required' : 'optional'} request body added (${[...after!.content.keys()].join(', ')})`,
    );
    return;
  }
  if (!after) {
    pair.collector.emit('request-body-removed', site, 'request body removed');
    return;
  }
  if (!before.required && after.required)
    pair.collector.emit('request-body-became-required', site, 'request body became required');
  if (before.required && !after.required)
    pair.collector.emit('request-body-became-optional', site, 'request body is no longer required');
  const { removed, added, pairs } = pairMediaTypes(before.content, after.content);
  for (const media of removed)
    pair.collector.emit('request-body-media-type-removed', site, `request media type ${media.mediaType} removed`);
  for (const media of added)
    pair.collector.emit('request-body-media-type-added', site, `request media type ${media.mediaType} added`);
  for (const [o, n] of pairs) {
    if (o.schema === undefined || n.schema === undefined) continue;
    const mediaWhere = `${where} ${n.mediaType}`;
    pair.schemas.compare([{ schema: o.schema, owner: undefined }], [{ schema: n.schema, owner: undefined }], {
      operation: pair.new.operationId,
      where: mediaWhere,
      direction: 'request',
      pointer: '',
      location: mediaWhere,
    });
  }
}
