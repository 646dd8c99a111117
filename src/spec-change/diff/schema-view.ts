import type { JsonSchema } from '../../contract/model.js';
import { MAX_WALK_DEPTH, tooDeep } from '../../input/index.js';

type SchemaObject = { readonly [keyword: string]: unknown };

/** A numeric bound: `minimum: 3` is `{value: 3, exclusive: false}`, `exclusiveMinimum: 3` is exclusive. */
export interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

/** A subschema and the nearest named schema it was declared in (for locations that survive refactors). */
export interface Member {
  readonly schema: JsonSchema;
  readonly owner: object | undefined;
}

/**
 * What a schema accepts, with `allOf` folded in: the effective constraints of a value, so that moving
 * a property or a `required` entry between `allOf` members (a refactor) is no change at all.
 */
export interface SchemaView {
  /** JSON types allowed; undefined: any. `integer` is kept apart from `number` (and inside it). */
  readonly types: ReadonlySet<string> | undefined;
  /** Allowed values (enum or const, intersected), as JSON text; undefined: no such restriction. */
  readonly values: ReadonlySet<string> | undefined;
  readonly patterns: readonly string[];
  readonly format: string | undefined;
  readonly lower: Readonly<Record<'number' | 'length' | 'items', Bound | undefined>>;
  readonly upper: Readonly<Record<'number' | 'length' | 'items', Bound | undefined>>;
  readonly properties: ReadonlyMap<string, readonly Member[]>;
  readonly required: ReadonlySet<string>;
  /** The named schema each required entry was declared in (for locations). */
  readonly requiredBy: ReadonlyMap<string, object | undefined>;
  /** `additionalProperties: false` or `unevaluatedProperties: false`: fields not named are refused. */
  readonly closed: boolean;
  /** The named schema that closed it. */
  readonly closedBy: object | undefined;
  readonly additional: readonly Member[];
  readonly items: readonly Member[];
  /** `contentSchema`: the schema of a string's JSON content (a form field holding JSON). */
  readonly content: readonly Member[];
  readonly union: { readonly keyword: 'oneOf' | 'anyOf'; readonly variants: readonly Member[] } | undefined;
  readonly discriminator:
    | { readonly propertyName: string; readonly mapping: Readonly<Record<string, string>> }
    | undefined;
  readonly hasDefault: boolean;
  readonly defaultValue: unknown;
}

const BOUND_KEYWORDS = {
  number: ['minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum'],
  length: ['minLength', undefined, 'maxLength', undefined],
  items: ['minItems', undefined, 'maxItems', undefined],
} as const;

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Canonical JSON (sorted keys), so that equal values compare equal as text. A value nested deeper
 * than MAX_WALK_DEPTH (a spec built in code, not read from a file) is refused with `tooDeep`.
 */
export function canonical(value: unknown, depth = 0): string {
  if (depth > MAX_WALK_DEPTH) throw tooDeep('a schema value is');
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, depth + 1)).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key], depth + 1)}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

function intersectTypes(a: Set<string> | undefined, b: Set<string>): Set<string> {
  if (!a) return b;
  const result = new Set<string>();
  for (const type of a) {
    if (b.has(type)) result.add(type);
    else if (type === 'integer' && b.has('number')) result.add('integer');
    else if (type === 'number' && b.has('integer')) result.add('integer');
  }
  return result;
}

function intersect(a: Set<string> | undefined, b: Set<string>): Set<string> {
  return a ? new Set([...a].filter((value) => b.has(value))) : b;
}

function tighter(a: Bound | undefined, b: Bound | undefined, side: 'lower' | 'upper'): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.value === b.value) return a.exclusive ? a : b;
  return (side === 'lower' ? a.value > b.value : a.value < b.value) ? a : b;
}

interface Draft {
  types: Set<string> | undefined;
  values: Set<string> | undefined;
  patterns: string[];
  format: string | undefined;
  lower: Record<'number' | 'length' | 'items', Bound | undefined>;
  upper: Record<'number' | 'length' | 'items', Bound | undefined>;
  properties: Map<string, Member[]>;
  required: Set<string>;
  requiredBy: Map<string, object | undefined>;
  closed: boolean;
  closedBy: object | undefined;
  additional: Member[];
  items: Member[];
  content: Member[];
  union: SchemaView['union'];
  discriminator: SchemaView['discriminator'];
  hasDefault: boolean;
  defaultValue: unknown;
}

function fold(draft: Draft, schema: JsonSchema, owner: object | undefined, names: WeakMap<object, string>): void {
  if (schema === false) draft.types = new Set();
  if (!isObject(schema)) return;
  const own = names.has(schema) ? schema : owner;
  if (schema['type'] !== undefined) {
    const list = Array.isArray(schema['type']) ? schema['type'] : [schema['type']];
    draft.types = intersectTypes(draft.types, new Set(list.map(String)));
  }
  if (Array.isArray(schema['enum'])) draft.values = intersect(draft.values, new Set(schema['enum'].map(canonical)));
  if ('const' in schema) draft.values = intersect(draft.values, new Set([canonical(schema['const'])]));
  if (typeof schema['pattern'] === 'string') draft.patterns.push(schema['pattern']);
  if (typeof schema['format'] === 'string') draft.format ??= schema['format'];
  for (const [kind, [min, exclusiveMin, max, exclusiveMax]] of Object.entries(BOUND_KEYWORDS) as [
    keyof typeof BOUND_KEYWORDS,
    readonly (string | undefined)[],
  ][]) {
    const bound = (keyword: string | undefined, exclusive: boolean): Bound | undefined =>
      keyword !== undefined && typeof schema[keyword] === 'number'
        ? { value: schema[keyword] as number, exclusive }
        : undefined;
    draft.lower[kind] = tighter(
      tighter(draft.lower[kind], bound(min, false), 'lower'),
      bound(exclusiveMin, true),
      'lower',
    );
    draft.upper[kind] = tighter(
      tighter(draft.upper[kind], bound(max, false), 'upper'),
      bound(exclusiveMax, true),
      'upper',
    );
  }
  if (isObject(schema['properties'])) {
    for (const [name, sub] of Object.entries(schema['properties'])) {
      const list = draft.properties.get(name) ?? [];
      list.push({ schema: sub as JsonSchema, owner: own });
      draft.properties.set(name, list);
    }
  }
  if (Array.isArray(schema['required']))
    for (const name of schema['required']) {
      draft.required.add(String(name));
      if (!draft.requiredBy.has(String(name))) draft.requiredBy.set(String(name), own);
    }
  if ((schema['additionalProperties'] === false || schema['unevaluatedProperties'] === false) && !draft.closed) {
    draft.closed = true;
    draft.closedBy = own;
  }
  if (isObject(schema['additionalProperties']))
    draft.additional.push({ schema: schema['additionalProperties'], owner: own });
  if (schema['items'] !== undefined && typeof schema['items'] !== 'boolean')
    draft.items.push({ schema: schema['items'] as JsonSchema, owner: own });
  if (schema['contentSchema'] !== undefined)
    draft.content.push({ schema: schema['contentSchema'] as JsonSchema, owner: own });
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[keyword]) && !draft.union)
      draft.union = {
        keyword,
        variants: (schema[keyword] as JsonSchema[]).map((variant) => ({ schema: variant, owner: own })),
      };
  }
  const discriminator = schema['discriminator'];
  if (isObject(discriminator) && typeof discriminator['propertyName'] === 'string' && !draft.discriminator) {
    draft.discriminator = {
      propertyName: discriminator['propertyName'],
      mapping: (isObject(discriminator['mapping']) ? discriminator['mapping'] : {}) as Record<string, string>,
    };
  }
  if ('default' in schema && !draft.hasDefault) {
    draft.hasDefault = true;
    draft.defaultValue = schema['default'];
  }
  if (Array.isArray(schema['allOf'])) for (const part of schema['allOf']) fold(draft, part as JsonSchema, own, names);
}

/**
 * The effective view of the schemas that all apply to one value (a schema, or the `allOf` of several).
 *
 * @example viewOf([{ type: 'string', enum: ['a', 'b'] }], new WeakMap()).values // Set {'"a"', '"b"'}
 */
export function viewOf(members: readonly Member[], names: WeakMap<object, string>): SchemaView {
  const draft: Draft = {
    types: undefined,
    values: undefined,
    patterns: [],
    format: undefined,
    lower: { number: undefined, length: undefined, items: undefined },
    upper: { number: undefined, length: undefined, items: undefined },
    properties: new Map(),
    required: new Set(),
    requiredBy: new Map(),
    closed: false,
    closedBy: undefined,
    additional: [],
    items: [],
    content: [],
    union: undefined,
    discriminator: undefined,
    hasDefault: false,
    defaultValue: undefined,
  };
  for (const member of members) fold(draft, member.schema, member.owner, names);
  return draft;
}
