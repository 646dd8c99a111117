import type { RuleDefinition } from '../change.js';
import { listValues, type SchemaStep } from '../schema-step.js';
import { directional } from './define.js';

/** Enum (and const) values removed or added, and value restrictions introduced or lifted. */
export const ENUM_RULES: readonly RuleDefinition[] = [
  ...directional('enum-value-removed', 'enums', 'narrowing', 'an enum value is no longer allowed', {
    oasdiff: { request: 'request-property-enum-value-removed', response: 'response-property-enum-value-removed' },
  }),
  ...directional('enum-value-added', 'enums', 'widening', 'an enum value was added', {
    oasdiff: { request: 'request-property-enum-value-added', response: 'response-property-enum-value-added' },
  }),
  ...directional('enum-added', 'enums', 'narrowing', 'values are now restricted to an enum (or a const)'),
  ...directional('enum-dropped', 'enums', 'widening', 'the enum (or const) restriction was dropped'),
];

/** Compares the allowed values (enum, const) of two schemas. */
export function diffEnums(step: SchemaStep): void {
  const before = step.old.values;
  const after = step.new.values;
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    step.emit('enum-added', `values restricted to ${listValues(after!)}`);
    return;
  }
  if (after === undefined) {
    step.emit('enum-dropped', `values no longer restricted to ${listValues(before)}`);
    return;
  }
  const removed = [...before].filter((value) => !after.has(value));
  const added = [...after].filter((value) => !before.has(value));
  const plural = (list: string[]) => (list.length === 1 ? 'value' : 'values');
  if (removed.length > 0)
    step.emit('enum-value-removed', `${plural(removed)} ${listValues(removed)} no longer allowed`);
  if (added.length > 0) step.emit('enum-value-added', `${plural(added)} ${listValues(added)} now allowed`);
}
