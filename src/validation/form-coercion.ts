import type { JsonSchema } from '../contract/model.js';
import { MAX_WALK_DEPTH } from '../input/index.js';

type SchemaObject = { [keyword: string]: unknown };

function asObject(schema: unknown): SchemaObject | undefined {
  return typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? (schema as SchemaObject) : undefined;
}

/** Property schemas by schema object: a contract's schemas do not change, and forms are checked per request. */
const propertiesBySchema = new WeakMap<object, ReadonlyMap<string, SchemaObject>>();

/** Property schemas of an object schema, including those its `allOf` members declare. */
export function propertySchemas(schema: JsonSchema | undefined): ReadonlyMap<string, SchemaObject> {
  if (typeof schema !== 'object' || schema === null) return collectProperties(schema);
  let found = propertiesBySchema.get(schema);
  if (!found) {
    found = collectProperties(schema);
    propertiesBySchema.set(schema, found);
  }
  return found;
}

function collectProperties(schema: JsonSchema | undefined): Map<string, SchemaObject> {
  const result = new Map<string, SchemaObject>();
  // allOf nests only as deep as the schema, but a schema built in code may nest without end
  const visit = (node: unknown, depth = 0): void => {
    const object = asObject(node);
    if (!object || depth > MAX_WALK_DEPTH) return;
    for (const [name, property] of Object.entries(asObject(object['properties']) ?? {})) {
      const propertySchema = asObject(property);
      if (propertySchema && !result.has(name)) result.set(name, propertySchema);
    }
    for (const part of (object['allOf'] as unknown[] | undefined) ?? []) visit(part, depth + 1);
  };
  visit(schema);
  return result;
}

/** The types of each schema object: forms are coerced per request, and a contract's schemas do not change. */
const typesBySchema = new WeakMap<SchemaObject, ReadonlySet<string>>();

function typesOf(schema: SchemaObject): ReadonlySet<string> {
  let types = typesBySchema.get(schema);
  if (!types) {
    types = collectTypes(schema);
    typesBySchema.set(schema, types);
  }
  return types;
}

/** Every JSON type a schema admits, looking through `oneOf`/`anyOf` and `const`. */
function collectTypes(schema: SchemaObject, depth = 0): Set<string> {
  const types = new Set<string>();
  if (depth > MAX_WALK_DEPTH) return types;
  const type = schema['type'];
  if (typeof type === 'string') types.add(type);
  if (Array.isArray(type)) for (const t of type) types.add(String(t));
  if (typeof schema['const'] === 'number') types.add('number');
  for (const branch of [...((schema['oneOf'] as unknown[]) ?? []), ...((schema['anyOf'] as unknown[]) ?? [])]) {
    const object = asObject(branch);
    if (object) for (const t of collectTypes(object, depth + 1)) types.add(t);
  }
  return types;
}

/**
 * A form or query value (always text on the wire) as the JSON value its schema describes:
 * "1634961600000" -> 1634961600000 for an integer, "true" -> true for a boolean. Text that does not
 * parse stays text, so the schema reports it.
 */
export function coerceFormValue(schema: SchemaObject | undefined, raw: string): unknown {
  if (!schema) return raw;
  const types = typesOf(schema);
  if ((types.has('integer') || types.has('number')) && /^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw);
  if (types.has('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}
