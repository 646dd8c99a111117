import type { RuleDefinition } from '../change.js';
import type { SchemaStep } from '../schema-step.js';
import type { SchemaView } from '../schema-view.js';
import { rule } from './define.js';

/** `additionalProperties` (and `unevaluatedProperties`) closing or opening an object. */
export const ADDITIONAL_PROPERTY_RULES: readonly RuleDefinition[] = [
  rule(
    'request-additional-properties-closed',
    'additional-properties',
    'breaking-for-clients',
    'a request object no longer accepts fields it does not name',
  ),
  rule(
    'request-additional-properties-opened',
    'additional-properties',
    'breaking-for-servers',
    'a request object now accepts fields it does not name',
  ),
  rule(
    'response-additional-properties-closed',
    'additional-properties',
    'breaking-for-servers',
    'a response object no longer allows fields it does not name',
  ),
  rule(
    'response-additional-properties-opened',
    'additional-properties',
    'compatible',
    'a response object may now carry fields it does not name (clients read tolerantly)',
  ),
];

function isObjectSchema(view: SchemaView): boolean {
  return view.types?.has('object') === true || view.properties.size > 0 || view.closed || view.additional.length > 0;
}

/** Compares whether two object schemas accept fields they do not name, and the schema of those fields. */
export function diffAdditionalProperties(step: SchemaStep): void {
  if (!isObjectSchema(step.old) && !isObjectSchema(step.new)) return;
  const side = step.direction;
  if (!step.old.closed && step.new.closed)
    step.emitIn(
      step.new.closedBy,
      `${side}-additional-properties-closed`,
      'fields not named by the schema are no longer allowed',
    );
  if (step.old.closed && !step.new.closed)
    step.emitIn(
      step.old.closedBy,
      `${side}-additional-properties-opened`,
      'fields not named by the schema are now allowed',
    );
  if (step.old.additional.length > 0 && step.new.additional.length > 0)
    step.descend(step.old.additional, step.new.additional, { location: '{*}', pointer: '/*' });
}
