import type { RuleDefinition } from '../change.js';
import type { SchemaStep } from '../schema-step.js';
import { rule } from './define.js';

/**
 * Fields added or removed, and fields becoming required or no longer required. The rule ids are
 * oasdiff's where they mean the same change.
 */
export const PROPERTY_RULES: readonly RuleDefinition[] = [
  rule('new-required-request-property', 'properties', 'breaking-for-clients', 'a request field was added as required', {
    oasdiff: 'new-required-request-property',
  }),
  rule('new-optional-request-property', 'properties', 'breaking-for-servers', 'an optional request field was added', {
    severity: 'info',
    oasdiff: 'new-optional-request-property',
  }),
  rule('request-property-removed', 'properties', 'breaking-for-clients', 'a request field was removed', {
    severity: 'warning',
    oasdiff: 'request-property-removed',
  }),
  rule('request-property-became-required', 'properties', 'breaking-for-clients', 'a request field became required', {
    oasdiff: 'request-property-became-required',
  }),
  rule(
    'request-property-became-optional',
    'properties',
    'breaking-for-servers',
    'a request field is no longer required',
    { severity: 'info', oasdiff: 'request-property-became-optional' },
  ),
  rule(
    'response-required-property-added',
    'properties',
    'breaking-for-servers',
    'a response field was added as required',
    { oasdiff: 'response-required-property-added' },
  ),
  rule(
    'response-optional-property-added',
    'properties',
    'compatible',
    'an optional response field was added (clients read tolerantly)',
    { oasdiff: 'response-optional-property-added' },
  ),
  rule(
    'response-required-property-removed',
    'properties',
    'breaking-for-clients',
    'a required response field was removed',
    { oasdiff: 'response-required-property-removed' },
  ),
  rule(
    'response-optional-property-removed',
    'properties',
    'breaking-for-clients',
    'an optional response field was removed',
    { severity: 'warning', oasdiff: 'response-optional-property-removed' },
  ),
  rule(
    'response-property-became-optional',
    'properties',
    'breaking-for-clients',
    'a response field is no longer required',
    { oasdiff: 'response-property-became-optional' },
  ),
  rule('response-property-became-required', 'properties', 'breaking-for-servers', 'a response field became required', {
    oasdiff: 'response-property-became-required',
  }),
];

/** Compares the fields of two object schemas, then each field present in both. */
export function diffProperties(step: SchemaStep): void {
  const { old: before, new: after } = step;
  const names = new Set([
    ...before.properties.keys(),
    ...before.required,
    ...after.properties.keys(),
    ...after.required,
  ]);
  const request = step.direction === 'request';
  for (const name of names) {
    const wasDeclared = before.properties.has(name) || before.required.has(name);
    const isDeclared = after.properties.has(name) || after.required.has(name);
    const wasRequired = before.required.has(name);
    const isRequired = after.required.has(name);
    const field = `field ${name}`;
    // located where the field (or its `required` entry) is declared
    const declaredIn = (view: typeof before) => view.properties.get(name)?.[0]?.owner ?? view.requiredBy.get(name);
    if (!wasDeclared) {
      const rule = request
        ? isRequired
          ? 'new-required-request-property'
          : 'new-optional-request-property'
        : isRequired
          ? 'response-required-property-added'
          : 'response-optional-property-added';
      step.emitIn(declaredIn(after), rule, `${field} added`);
      continue;
    }
    if (!isDeclared) {
      const closed = request && before.closed ? ' (the object is closed: clients that send it are refused)' : '';
      const rule = request
        ? 'request-property-removed'
        : wasRequired
          ? 'response-required-property-removed'
          : 'response-optional-property-removed';
      step.emitIn(declaredIn(before), rule, `${field} removed${closed}`);
      continue;
    }
    if (!wasRequired && isRequired)
      step.emitIn(
        after.requiredBy.get(name),
        request ? 'request-property-became-required' : 'response-property-became-required',
        `${field} became required`,
      );
    if (wasRequired && !isRequired)
      step.emitIn(
        before.requiredBy.get(name),
        request ? 'request-property-became-optional' : 'response-property-became-optional',
        `${field} is no longer required`,
      );
    const olds = before.properties.get(name) ?? [];
    const news = after.properties.get(name) ?? [];
    if (olds.length > 0 && news.length > 0) step.descend(olds, news, { location: name, pointer: `/${name}` });
  }
}
