import type { RuleDefinition } from '../change.js';
import type { SchemaStep } from '../schema-step.js';
import type { Bound } from '../schema-view.js';
import { directional } from './define.js';

/** A changed pattern or format may narrow or widen; it is reported against the side whose values may now be refused. */
const MAY_REFUSE_VALUES = { request: 'breaking-for-clients', response: 'breaking-for-servers' } as const;

const BOUNDS = [
  { kind: 'number', name: 'min', label: 'minimum', oasdiffName: 'min' },
  { kind: 'length', name: 'min-length', label: 'minLength', oasdiffName: 'min-length' },
  { kind: 'items', name: 'min-items', label: 'minItems', oasdiffName: 'min-items' },
] as const;

function boundRules(): RuleDefinition[] {
  const rules: RuleDefinition[] = [];
  for (const { name, label, oasdiffName } of BOUNDS) {
    const max = name.replace('min', 'max');
    const maxLabel = label.replace('min', 'max');
    const maxOasdiff = oasdiffName.replace('min', 'max');
    rules.push(
      ...directional(`${name}-increased`, 'constraints', 'narrowing', `${label} raised (or added)`, {
        oasdiff: { request: `request-property-${oasdiffName}-increased` },
      }),
      ...directional(`${name}-decreased`, 'constraints', 'widening', `${label} lowered (or removed)`, {
        oasdiff: { response: `response-property-${oasdiffName}-decreased` },
      }),
      ...directional(`${max}-decreased`, 'constraints', 'narrowing', `${maxLabel} lowered (or added)`, {
        oasdiff: { request: `request-property-${maxOasdiff}-decreased` },
      }),
      ...directional(`${max}-increased`, 'constraints', 'widening', `${maxLabel} raised (or removed)`, {
        oasdiff: { response: `response-property-${maxOasdiff}-increased` },
      }),
    );
  }
  return rules;
}

/** Pattern, format, and the numeric, length and item-count bounds. */
export const CONSTRAINT_RULES: readonly RuleDefinition[] = [
  ...directional('pattern-added', 'constraints', 'narrowing', 'a pattern was added', {
    oasdiff: { request: 'request-property-pattern-added' },
  }),
  ...directional('pattern-removed', 'constraints', 'widening', 'a pattern was removed', {
    oasdiff: { request: 'request-property-pattern-removed' },
  }),
  ...directional('pattern-changed', 'constraints', 'narrowing', 'a pattern changed (it may narrow or widen)', {
    classification: MAY_REFUSE_VALUES,
    severity: { request: 'warning', response: 'warning' },
    oasdiff: { request: 'request-property-pattern-changed' },
  }),
  ...directional('format-added', 'constraints', 'narrowing', 'a format was added'),
  ...directional('format-removed', 'constraints', 'widening', 'a format was removed'),
  ...directional('format-changed', 'constraints', 'narrowing', 'a format changed (it may narrow or widen)', {
    classification: MAY_REFUSE_VALUES,
    severity: { request: 'warning', response: 'warning' },
  }),
  ...boundRules(),
];

/** -1 looser, 0 same, 1 tighter: how `after` compares with `before` as a lower (or upper) bound. */
function tightening(before: Bound | undefined, after: Bound | undefined, side: 'lower' | 'upper'): number {
  if (!before && !after) return 0;
  if (!before) return 1;
  if (!after) return -1;
  if (before.value === after.value) return Number(after.exclusive) - Number(before.exclusive);
  return (side === 'lower' ? after.value > before.value : after.value < before.value) ? 1 : -1;
}

function show(bound: Bound | undefined): string {
  return bound ? `${bound.exclusive ? 'exclusive ' : ''}${bound.value}` : 'none';
}

/** Compares the patterns, formats and bounds of two schemas. */
export function diffConstraints(step: SchemaStep): void {
  const { old: before, new: after } = step;
  const oldPatterns = [...new Set(before.patterns)].sort();
  const newPatterns = [...new Set(after.patterns)].sort();
  if (oldPatterns.join('\n') !== newPatterns.join('\n')) {
    if (oldPatterns.length === 0) step.emit('pattern-added', `pattern ${newPatterns.join(' and ')} added`);
    else if (newPatterns.length === 0) step.emit('pattern-removed', `pattern ${oldPatterns.join(' and ')} removed`);
    else
      step.emit('pattern-changed', `pattern changed from ${oldPatterns.join(' and ')} to ${newPatterns.join(' and ')}`);
  }
  if (before.format !== after.format) {
    if (before.format === undefined) step.emit('format-added', `format ${after.format} added`);
    else if (after.format === undefined) step.emit('format-removed', `format ${before.format} removed`);
    else step.emit('format-changed', `format changed from ${before.format} to ${after.format}`);
  }
  for (const { kind, name, label } of BOUNDS) {
    const lower = tightening(before.lower[kind], after.lower[kind], 'lower');
    const range = (b: Bound | undefined, a: Bound | undefined) => `from ${show(b)} to ${show(a)}`;
    if (lower !== 0)
      step.emit(
        `${name}-${lower > 0 ? 'increased' : 'decreased'}`,
        `${label} ${lower > 0 ? 'raised' : 'lowered'} ${range(before.lower[kind], after.lower[kind])}`,
      );
    const upper = tightening(before.upper[kind], after.upper[kind], 'upper');
    const maxName = name.replace('min', 'max');
    const maxLabel = label.replace('min', 'max');
    if (upper !== 0)
      step.emit(
        `${maxName}-${upper > 0 ? 'decreased' : 'increased'}`,
        `${maxLabel} ${upper > 0 ? 'lowered' : 'raised'} ${range(before.upper[kind], after.upper[kind])}`,
      );
  }
}
