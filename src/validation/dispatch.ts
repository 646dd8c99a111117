import type { JsonSchema } from '../contract/model.js';
import { MAX_WALK_DEPTH, tooDeep, valueDepth } from '../input/index.js';
import { isSchemaObject as isObject, LISTS, MAPS, type SchemaObject, SINGLE } from './schema-keywords.js';

/** Keywords that close an object to the fields the schema names. */
const CLOSING = ['additionalProperties', 'unevaluatedProperties'];

function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, token) => (isObject(node) || Array.isArray(node) ? (node as SchemaObject)[token] : undefined),
      root,
    );
}

/** The const a variant pins for the discriminator property, looking through `allOf`. */
function pinnedValue(variant: unknown, property: string): string | undefined {
  if (!isObject(variant)) return undefined;
  const own = (variant['properties'] as SchemaObject | undefined)?.[property];
  if (isObject(own) && typeof own['const'] === 'string') return own['const'];
  if (isObject(own) && Array.isArray(own['enum']) && own['enum'].length === 1) return String(own['enum'][0]);
  for (const part of (variant['allOf'] as unknown[] | undefined) ?? []) {
    const found = pinnedValue(part, property);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Discriminator value -> variant schema, from `mapping` (resolved in the document) or the variants' consts. */
function variantsByValue(schema: SchemaObject, property: string, root: unknown): Map<string, unknown> {
  const branches = (schema['oneOf'] ?? schema['anyOf']) as unknown[];
  const mapping = ((schema['discriminator'] as SchemaObject)['mapping'] ?? {}) as Record<string, string>;
  const result = new Map<string, unknown>();
  for (const [value, ref] of Object.entries(mapping)) {
    const target =
      resolvePointer(root, ref) ?? branches.find((b) => isObject(b) && b['title'] === ref.split('/').pop());
    if (target !== undefined) result.set(value, target);
  }
  for (const branch of branches) {
    const value = pinnedValue(branch, property);
    if (value !== undefined && !result.has(value)) result.set(value, branch);
  }
  return result;
}

/**
 * Rewrites schemas for fast, readable validation, memoized per schema object:
 * - a `oneOf`/`anyOf` with a `discriminator` becomes a chain of `if`/`then` on the discriminator
 *   property, so only the matching variant is validated (instead of every branch of a blind
 *   `oneOf`) and errors come from that variant alone;
 * - `x-` extension keywords are dropped (Ajv's strict mode would reject them);
 * - with `open`, objects are no longer closed to unknown fields.
 * The result is standard JSON Schema 2020-12.
 */
export class SchemaPreparer {
  private readonly done = new WeakMap<object, JsonSchema>();

  /**
   * @param root the dereferenced OpenAPI document, to resolve discriminator mappings in.
   * @param options `open`: drop `additionalProperties: false` and `unevaluatedProperties: false`, so that
   *   fields the contract does not know are accepted and every other rule still holds (see closed-world.ts).
   */
  constructor(
    private readonly root: unknown,
    private readonly options: { readonly open?: boolean } = {},
  ) {}

  /** Refuses (`tooDeep`) a schema nested deeper than MAX_WALK_DEPTH: preparing recurses over it. */
  prepare(schema: JsonSchema): JsonSchema {
    if (isObject(schema) && !this.done.has(schema) && valueDepth(schema, MAX_WALK_DEPTH) > MAX_WALK_DEPTH)
      throw tooDeep('the schema is');
    return this.prepareNode(schema);
  }

  private prepareNode(schema: JsonSchema): JsonSchema {
    if (!isObject(schema)) return schema;
    const cached = this.done.get(schema);
    if (cached !== undefined) return cached;
    const out: SchemaObject = {};
    this.done.set(schema, out); // set before recursing: shared subschemas are prepared once
    for (const [keyword, value] of Object.entries(schema)) {
      if (keyword.startsWith('x-')) continue;
      if (this.options.open && value === false && CLOSING.includes(keyword)) continue;
      if (SINGLE.includes(keyword) && (isObject(value) || typeof value === 'boolean'))
        out[keyword] = this.prepareNode(value);
      else if (LISTS.includes(keyword) && Array.isArray(value))
        out[keyword] = value.map((s) => this.prepareNode(s as JsonSchema));
      else if (MAPS.includes(keyword) && isObject(value)) {
        out[keyword] = Object.fromEntries(
          Object.entries(value).map(([k, s]) => [k, this.prepareNode(s as JsonSchema)]),
        );
      } else out[keyword] = value;
    }
    const discriminator = schema['discriminator'];
    const property = isObject(discriminator) ? discriminator['propertyName'] : undefined;
    if (typeof property === 'string' && (Array.isArray(schema['oneOf']) || Array.isArray(schema['anyOf']))) {
      this.toDispatch(out, schema, property);
    }
    return out;
  }

  private toDispatch(out: SchemaObject, original: SchemaObject, property: string): void {
    const variants = variantsByValue(original, property, this.root);
    if (variants.size === 0) return; // nothing to dispatch on: keep the plain union
    delete out['oneOf'];
    delete out['anyOf'];
    delete out['discriminator'];
    out['type'] ??= 'object';
    out['required'] = [...new Set([...((out['required'] as string[]) ?? []), property])];
    out['properties'] = { ...((out['properties'] as SchemaObject) ?? {}), [property]: { enum: [...variants.keys()] } };
    const chain = [...variants].map(([value, variant]) => ({
      if: { properties: { [property]: { const: value } }, required: [property] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a thenable
      then: this.prepare(variant as JsonSchema),
    }));
    out['allOf'] = [...((out['allOf'] as unknown[]) ?? []), ...chain];
  }
}
