/** A JSON Schema object (not a boolean schema). */
export type SchemaObject = { [keyword: string]: unknown };

/** Keywords whose value is one subschema. */
export const SINGLE = [
  'not',
  'if',
  'then',
  'else',
  'items',
  'contains',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'contentSchema',
];
/** Keywords whose value is a list of subschemas. */
export const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords whose value maps names to subschemas. */
export const MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];

export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
