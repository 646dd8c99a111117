import type { OpenAPIV3_1 } from 'openapi-types';
import type { OperationModel } from '../../../contract/model.js';
import { serverPathOf } from '../../../domain/path-template.js';
import type { RuleDefinition } from '../change.js';
import type { ChangeCollector } from '../collector.js';
import { type OperationPair, operationLabel, operationSite } from '../operation-pair.js';
import { rule } from './define.js';

/** Operations removed, added, deprecated, renamed, or moved to another server path. */
export const OPERATION_RULES: readonly RuleDefinition[] = [
  rule('api-removed-without-deprecation', 'operations', 'breaking-for-clients', 'an operation was removed', {
    oasdiff: 'api-removed-without-deprecation',
  }),
  rule(
    'api-removed-after-deprecation',
    'operations',
    'breaking-for-clients',
    'an operation deprecated in OLD was removed',
    { severity: 'warning' },
  ),
  rule('api-added', 'operations', 'breaking-for-servers', 'an operation was added: servers must implement it', {
    severity: 'info',
    oasdiff: 'endpoint-added',
  }),
  rule('api-deprecated', 'operations', 'compatible', 'an operation was deprecated', { oasdiff: 'endpoint-deprecated' }),
  rule(
    'api-operation-id-changed',
    'operations',
    'breaking-for-clients',
    'an operationId changed: clients generated from the spec rename a method',
    { severity: 'warning' },
  ),
  rule(
    'api-server-path-changed',
    'operations',
    'breaking-for-clients',
    "an operation's server path changed: it answers at another URL",
  ),
];

function deprecated(document: OpenAPIV3_1.Document, operation: OperationModel): boolean {
  const item = document.paths?.[operation.pathTemplate] as Record<string, { deprecated?: boolean }> | undefined;
  return item?.[operation.method]?.deprecated === true;
}

/** Reports an operation of OLD that NEW does not have. */
export function reportRemoved(
  collector: ChangeCollector,
  document: OpenAPIV3_1.Document,
  operation: OperationModel,
): void {
  const wasDeprecated = deprecated(document, operation);
  collector.emit(
    wasDeprecated ? 'api-removed-after-deprecation' : 'api-removed-without-deprecation',
    operationSite(operation),
    `${operationLabel(operation)} (${operation.operationId}) removed`,
  );
}

/** Reports an operation of NEW that OLD does not have. */
export function reportAdded(collector: ChangeCollector, operation: OperationModel): void {
  collector.emit(
    'api-added',
    operationSite(operation),
    `${operationLabel(operation)} (${operation.operationId}) added`,
  );
}

/** Compares what identifies one operation in OLD and NEW: deprecation, operationId, server path. */
export function diffOperation(pair: OperationPair): void {
  const site = operationSite(pair.new);
  if (!deprecated(pair.oldDocument, pair.old) && deprecated(pair.newDocument, pair.new))
    pair.collector.emit('api-deprecated', site, `${operationLabel(pair.new)} deprecated`);
  if (pair.old.operationId !== pair.new.operationId)
    pair.collector.emit(
      'api-operation-id-changed',
      site,
      `operationId ${pair.old.operationId} renamed to ${pair.new.operationId}`,
    );
  const oldPath = serverPathOf(pair.old.servers[0] ?? '');
  const newPath = serverPathOf(pair.new.servers[0] ?? '');
  if (oldPath !== newPath)
    pair.collector.emit(
      'api-server-path-changed',
      site,
      `server path changed from ${oldPath || '/'} to ${newPath || '/'}`,
    );
}
