import type { Operation } from 'fast-json-patch';
import { describeDateWriting } from '../domain/dates.js';
import { stringifyBounded } from '../input/index.js';
import { escapePointerToken, valueAtPointer } from '../validation/json-pointer.js';
import type { Occurrence } from './analyze.js';
import type { SpecLocator, SpecPlace } from './spec-locator.js';

/** A change to `spec/openapi.yaml` that would make the drifted documents valid, for a maintainer to review. */
export interface Proposal {
  /** RFC 6902 operations against the spec as parsed (YAML -> JSON). */
  readonly patch: readonly Operation[];
  /** What a reviewer should know: shared schemas the change widens, what it could not place. */
  readonly notes: readonly string[];
}

type Raw = Record<string, unknown>;
const ROOT = { task: 'Task', run: 'Run' } as const;
const DATE_VALUE_REF = '#/components/schemas/DateValue';

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The narrowest plain schema that accepts every value seen (a date field gets the contract's DateValue). */
export function inferSchema(values: readonly unknown[], description: string): Raw {
  const writings = new Set(values.map(describeDateWriting));
  if (values.length > 0 && [...writings].every((w) => w === 'epoch-ms' || w === 'formatted' || w === 'formatted-nnbsp'))
    if (values.some((value) => typeof value === 'string')) return { $ref: DATE_VALUE_REF, description };
  const types = new Set(values.map(jsonType));
  if (types.has('number')) types.delete('integer');
  const list = [...types].sort();
  return { type: list.length === 1 ? list[0] : list, description };
}

const parentOf = (pointer: string) => pointer.slice(0, pointer.lastIndexOf('/'));
const lastTokenOf = (pointer: string) =>
  pointer
    .slice(pointer.lastIndexOf('/') + 1)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');

/**
 * The component schemas whose properties refer to a schema (`NoParameters` is the `parameters` of two
 * task types): more than one means a change there widens each of them.
 */
function propertyReferrers(document: unknown, pointer: string): string[] {
  const schemas = ((document as Raw)['components'] as Raw | undefined)?.['schemas'] as Raw | undefined;
  const referrers: string[] = [];
  const refers = (node: unknown, underProperties: boolean): boolean => {
    if (Array.isArray(node)) return node.some((item) => refers(item, underProperties));
    if (node === null || typeof node !== 'object') return false;
    return Object.entries(node).some(([key, value]) =>
      key === '$ref'
        ? underProperties && value === `#${pointer}`
        : refers(value, underProperties || key === 'properties'),
    );
  };
  for (const [name, schema] of Object.entries(schemas ?? {})) if (refers(schema, false)) referrers.push(name);
  return referrers;
}

/**
 * Proposes the contract change that makes the drifted documents valid, as a JSON Patch against the
 * raw spec: a field the contract does not know is added where a maintainer would write it (`TaskBase`
 * when several task types carry it, else the variant or the nested object), an enum gets the values
 * seen (a task type the contract does not know gets a variant of its own), a required field that is
 * missing stops being required, and a value of another type or shape widens its property to
 * `anyOf: [what the contract says, what was seen]`. Each new schema says where it was seen.
 *
 * @example proposeChange(new SpecLocator(raw), result.occurrences, '11.5').patch[0] // { op: 'add', path: '/components/schemas/TaskBase/properties/lastModifiedBy', value: { type: 'string', ... } }
 */
export function proposeChange(
  locator: SpecLocator,
  occurrences: readonly Occurrence[],
  siteVersion?: string,
): Proposal {
  const seen = (count: number) =>
    `Seen on a real site${siteVersion ? ` (version ${siteVersion})` : ''} in ${count} document(s) by tasks-contract drift; not documented by Esri.`;
  const notes = new Set<string>();
  /** New properties by the object schema they go into. */
  const fields = new Map<string, { place: SpecPlace; names: Map<string, { values: unknown[]; types: Set<string> }> }>();
  const enums = new Map<string, { place: SpecPlace; values: unknown[] }>();
  const required = new Map<string, { place: SpecPlace; drop: Set<string> }>();
  const widen = new Map<string, { slot: SpecPlace; values: unknown[] }>();
  const variants = new Map<string, { documents: Raw[] }>();

  for (const { category, kind, document, violation } of occurrences) {
    const root = ROOT[kind];
    if (category === 'unknown-field') {
      const located = locator.locate(root, violation.pointer, document);
      if (located.found || located.rest.length > 0) {
        notes.add(`could not place ${kind} field ${violation.pointer}: add it by hand`);
        continue;
      }
      const task = (kind === 'task' ? document : (document as Raw | null)?.['task']) as Raw | undefined;
      const taskType = String(task?.['taskType']);
      const entry = fields.get(located.parent.pointer) ?? { place: located.parent, names: new Map() };
      const field = entry.names.get(located.missing) ?? { values: [], types: new Set<string>() };
      field.values.push(violation.actual);
      field.types.add(taskType);
      entry.names.set(located.missing, field);
      fields.set(located.parent.pointer, entry);
    } else if (category === 'enum') {
      const rootPlace = locator.resolve(locator.component(root));
      const discriminator = rootPlace.schema['discriminator'] as Raw | undefined;
      if (discriminator && violation.pointer === `/${String(discriminator['propertyName'])}`) {
        const value = String(violation.actual);
        const entry = variants.get(value) ?? { documents: [] };
        entry.documents.push(document as Raw);
        variants.set(value, entry);
        continue;
      }
      const located = locator.locate(root, violation.pointer, document);
      if (!located.found) {
        notes.add(`could not place the value ${stringifyBounded(violation.actual)} of ${kind} ${violation.pointer}`);
        continue;
      }
      const place = locator.resolve(located.slot);
      const entry = enums.get(place.pointer) ?? { place, values: [] };
      if (!entry.values.some((v) => Object.is(v, violation.actual))) entry.values.push(violation.actual);
      enums.set(place.pointer, entry);
    } else if (category === 'missing-required') {
      const parentPointer = parentOf(violation.pointer);
      const located = locator.locate(root, parentPointer, document);
      if (!located.found) continue;
      const owner = locator.resolve(located.slot);
      const object = locator.variant(owner, valueAtPointer(document, parentPointer)) ?? owner;
      const name = lastTokenOf(violation.pointer);
      const part = locator
        .objectParts(object)
        .find((p) => Array.isArray(p.schema['required']) && (p.schema['required'] as unknown[]).includes(name));
      if (!part) continue;
      const entry = required.get(part.pointer) ?? { place: part, drop: new Set<string>() };
      entry.drop.add(name);
      required.set(part.pointer, entry);
    } else {
      const located = locator.locate(root, violation.pointer, document);
      if (!located.found || located.slot.pointer.split('/').length <= 4) {
        notes.add(
          `could not place the ${violation.keyword} difference at ${kind} ${violation.pointer}: widen it by hand`,
        );
        continue;
      }
      const entry = widen.get(located.slot.pointer) ?? { slot: located.slot, values: [] };
      entry.values.push(violation.actual);
      widen.set(located.slot.pointer, entry);
    }
  }

  const patch: Operation[] = [];
  // a field several task types carry belongs to TaskBase (their variants' shared allOf part), not to each variant
  const additions = new Map<string, { target: SpecPlace; name: string; values: unknown[] }>();
  const sharedTypes = new Map<string, Set<string>>();
  const sharedOf = (place: SpecPlace) =>
    locator.objectParts(place).find((part, index) => index > 0 && part.schema['properties'] !== undefined);
  for (const { place, names } of fields.values()) {
    const shared = sharedOf(place);
    for (const [name, { types }] of names) {
      if (!shared) continue;
      const key = `${shared.pointer}\u0000${name}`;
      sharedTypes.set(key, new Set([...(sharedTypes.get(key) ?? []), ...types]));
    }
  }
  for (const { place, names } of fields.values()) {
    const shared = sharedOf(place);
    for (const [name, { values }] of names) {
      const spread = shared ? (sharedTypes.get(`${shared.pointer}\u0000${name}`)?.size ?? 0) : 0;
      const target = spread > 1 && shared ? shared : place;
      const key = `${target.pointer}\u0000${name}`;
      const entry = additions.get(key) ?? { target, name, values: [] };
      entry.values.push(...values);
      additions.set(key, entry);
    }
  }
  for (const { target, name, values } of additions.values()) {
    const referrers = propertyReferrers(locator.document, target.pointer);
    if (referrers.length > 1)
      notes.add(`${target.pointer} is shared by ${referrers.join(', ')}: ${name} becomes allowed in each`);
    if (target.schema['properties'] === undefined) {
      patch.push({ op: 'add', path: `${target.pointer}/properties`, value: {} });
      target.schema['properties'] = {}; // later fields of the same object are added one by one
    }
    patch.push({
      op: 'add',
      path: `${target.pointer}/properties/${escapePointerToken(name)}`,
      value: inferSchema(values, seen(values.length)),
    });
  }
  for (const { place, values } of enums.values()) {
    if (Array.isArray(place.schema['enum'])) {
      for (const value of values) patch.push({ op: 'add', path: `${place.pointer}/enum/-`, value });
    } else if ('const' in place.schema) {
      patch.push({ op: 'remove', path: `${place.pointer}/const` });
      patch.push({ op: 'add', path: `${place.pointer}/enum`, value: [place.schema['const'], ...values] });
    }
  }
  for (const { place, drop } of required.values()) {
    const kept = (place.schema['required'] as string[]).filter((name) => !drop.has(name));
    patch.push({ op: 'replace', path: `${place.pointer}/required`, value: kept });
    notes.add(`${place.pointer}: ${[...drop].join(', ')} no longer required (missing in real documents)`);
  }
  for (const { slot, values } of widen.values()) {
    patch.push({
      op: 'replace',
      path: slot.pointer,
      value: { anyOf: [slot.schema, inferSchema(values, seen(values.length))] },
    });
  }
  for (const [taskType, { documents }] of variants) patch.push(...newVariant(locator, taskType, documents, seen));
  return { patch, notes: [...notes] };
}

/** A task type the contract does not know: a variant of its own, in the union, its mapping and the TaskType enum. */
function newVariant(
  locator: SpecLocator,
  taskType: string,
  documents: Raw[],
  seen: (count: number) => string,
): Operation[] {
  const name = `${taskType.replace(/[^A-Za-z0-9]/g, '')}Task`;
  const base = locator.component('TaskBase');
  const known = new Set(Object.keys((base.schema['properties'] as Raw | undefined) ?? {}));
  const extra = new Map<string, unknown[]>();
  for (const document of documents)
    for (const [field, value] of Object.entries(document))
      if (!known.has(field)) extra.set(field, [...(extra.get(field) ?? []), value]);
  const typeConstants = [...new Set(documents.map((d) => d['type']).filter((t) => typeof t === 'string'))];
  const properties: Raw = {
    taskType: { const: taskType },
    ...(typeConstants.length === 1
      ? { type: { const: typeConstants[0] } }
      : typeConstants.length > 1
        ? { type: { enum: typeConstants } }
        : {}),
  };
  for (const [field, values] of extra)
    if (field !== 'taskType') properties[field] = inferSchema(values, seen(values.length));
  const task = locator.component('Task');
  const taskTypeEnum = locator.component('TaskType');
  return [
    {
      op: 'add',
      path: `/components/schemas/${escapePointerToken(name)}`,
      value: {
        title: taskType,
        description: `${seen(documents.length)} Shape inferred from those documents.`,
        allOf: [{ $ref: '#/components/schemas/TaskBase' }],
        properties,
        unevaluatedProperties: false,
      },
    },
    { op: 'add', path: `${task.pointer}/oneOf/-`, value: { $ref: `#/components/schemas/${name}` } },
    {
      op: 'add',
      path: `${task.pointer}/discriminator/mapping/${escapePointerToken(taskType)}`,
      value: `#/components/schemas/${name}`,
    },
    ...(Array.isArray(taskTypeEnum.schema['enum'])
      ? [{ op: 'add' as const, path: `${taskTypeEnum.pointer}/enum/-`, value: taskType }]
      : []),
  ];
}
