import { isDeepStrictEqual } from 'node:util';
import type { ParameterModel } from '../../../contract/model.js';
import type { RuleDefinition } from '../change.js';
import { type OperationPair, operationSite } from '../operation-pair.js';
import { rule } from './define.js';

/** Parameters (query, header, path, cookie) added, removed, required or not, and their defaults; their schemas are diffed as requests. */
export const PARAMETER_RULES: readonly RuleDefinition[] = [
  rule('request-parameter-removed', 'parameters', 'breaking-for-clients', 'a parameter was removed', {
    severity: 'warning',
    oasdiff: 'request-parameter-removed',
  }),
  rule('new-required-request-parameter', 'parameters', 'breaking-for-clients', 'a required parameter was added', {
    oasdiff: 'new-required-request-parameter',
  }),
  rule('new-optional-request-parameter', 'parameters', 'breaking-for-servers', 'an optional parameter was added', {
    severity: 'info',
    oasdiff: 'new-optional-request-parameter',
  }),
  rule('request-parameter-became-required', 'parameters', 'breaking-for-clients', 'a parameter became required', {
    oasdiff: 'request-parameter-became-required',
  }),
  rule('request-parameter-became-optional', 'parameters', 'breaking-for-servers', 'a parameter is no longer required', {
    severity: 'info',
    oasdiff: 'request-parameter-became-optional',
  }),
  rule(
    'request-parameter-default-changed',
    'parameters',
    'breaking-for-clients',
    "a parameter's default changed: clients that leave it out get another behaviour",
    { severity: 'warning', oasdiff: 'request-parameter-default-value-changed' },
  ),
  rule('request-path-parameter-renamed', 'parameters', 'compatible', 'a path parameter was renamed (same position)'),
];

/** Path parameters are matched by position (a rename is not a removal); others by location and name. */
function keyed(parameters: readonly ParameterModel[], pathTemplate: string): Map<string, ParameterModel> {
  const pathNames = [...pathTemplate.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  return new Map(
    parameters.map((p) => [p.in === 'path' ? `path #${pathNames.indexOf(p.name) + 1}` : `${p.in} ${p.name}`, p]),
  );
}

function defaultOf(parameter: ParameterModel): unknown {
  const schema = parameter.schema;
  return typeof schema === 'object' && schema !== null ? schema['default'] : undefined;
}

/** Compares the parameters of one operation in OLD and NEW. */
export function diffParameters(pair: OperationPair): void {
  const before = keyed(pair.old.parameters, pair.old.pathTemplate);
  const after = keyed(pair.new.parameters, pair.new.pathTemplate);
  // located by the parameter, so that one shared parameter's change is one change listing its operations
  const site = (p: ParameterModel, operation = pair.new) =>
    operationSite(operation, `${operation.operationId} ${p.in} parameter ${p.name}`, `${p.in} parameter ${p.name}`);
  for (const [key, p] of before) {
    const q = after.get(key);
    if (!q) {
      pair.collector.emit('request-parameter-removed', site(p, pair.old), `${p.in} parameter ${p.name} removed`);
      continue;
    }
    if (p.name !== q.name)
      pair.collector.emit('request-path-parameter-renamed', site(q), `path parameter ${p.name} renamed to ${q.name}`);
    if (!p.required && q.required)
      pair.collector.emit('request-parameter-became-required', site(q), `${q.in} parameter ${q.name} became required`);
    if (p.required && !q.required)
      pair.collector.emit(
        'request-parameter-became-optional',
        site(q),
        `${q.in} parameter ${q.name} is no longer required`,
      );
    if (!isDeepStrictEqual(defaultOf(p), defaultOf(q)))
      pair.collector.emit(
        'request-parameter-default-changed',
        site(q),
        `default of ${q.in} parameter ${q.name} changed from ${JSON.stringify(defaultOf(p)) ?? 'none'} to ${JSON.stringify(defaultOf(q)) ?? 'none'}`,
      );
    if (p.schema !== undefined && q.schema !== undefined) {
      pair.schemas.compare([{ schema: p.schema, owner: undefined }], [{ schema: q.schema, owner: undefined }], {
        ...site(q),
        direction: 'request',
      });
    }
  }
  for (const [key, q] of after) {
    if (before.has(key)) continue;
    pair.collector.emit(
      q.required ? 'new-required-request-parameter' : 'new-optional-request-parameter',
      site(q),
      `${q.required ? 'required' : 'optional'} ${q.in} parameter ${q.name} added`,
    );
  }
}
