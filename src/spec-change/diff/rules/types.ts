import { isDeepStrictEqual } from 'node:util';
import type { RuleDefinition } from '../change.js';
import type { SchemaStep } from '../schema-step.js';
import type { Member, SchemaView } from '../schema-view.js';
import { directional } from './define.js';

/** Types narrowed or widened, and the branches of a `oneOf`/`anyOf` removed or added. */
export const TYPE_RULES: readonly RuleDefinition[] = [
  ...directional('type-narrowed', 'types', 'narrowing', 'a JSON type is no longer allowed', {
    oasdiff: { request: 'request-property-type-changed', response: 'response-property-type-changed' },
  }),
  ...directional('type-widened', 'types', 'widening', 'a JSON type is allowed that was not', {
    oasdiff: { request: 'request-property-type-changed', response: 'response-property-type-changed' },
  }),
  ...directional('variant-removed', 'types', 'narrowing', 'a oneOf/anyOf branch was removed'),
  ...directional('variant-added', 'types', 'widening', 'a oneOf/anyOf branch was added'),
];

const ALL_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];

/** Whether type `a` is accepted by a schema allowing `types` (`integer` is a `number`). */
function covered(type: string, types: ReadonlySet<string>): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'));
}

function acceptedTypes(view: SchemaView): ReadonlySet<string> | undefined {
  if (!view.union || view.types) return view.types;
  // a union without its own `type` accepts what its branches accept (one level: enough for DateValue-style unions)
  const result = new Set<string>();
  for (const variant of view.union.variants) {
    const schema = variant.schema;
    if (typeof schema !== 'object' || schema === null || schema['type'] === undefined) return undefined;
    for (const type of [schema['type']].flat()) result.add(String(type));
  }
  return result;
}

function describe(types: ReadonlySet<string> | undefined): string {
  return types ? [...types].sort().join(' | ') || 'nothing' : 'any type';
}

/** Compares the JSON types two schemas accept. */
export function diffTypes(step: SchemaStep): void {
  // between two unions, the branches removed or added tell what changed (diffVariants)
  if (step.old.union && step.new.union && !step.old.types && !step.new.types) return;
  const before = acceptedTypes(step.old);
  const after = acceptedTypes(step.new);
  if (before === after || (before && after && isDeepStrictEqual([...before].sort(), [...after].sort()))) return;
  const change = `(was ${describe(before)}, now ${describe(after)})`;
  const removed = (before ? [...before] : ALL_TYPES).filter((type) => !after || !covered(type, after));
  const added = (after ? [...after] : ALL_TYPES).filter((type) => !before || !covered(type, before));
  if (removed.length > 0) step.emit('type-narrowed', `type ${removed.join(', ')} no longer allowed ${change}`);
  if (added.length > 0) step.emit('type-widened', `type ${added.join(', ')} now allowed ${change}`);
}

function variantKey(step: SchemaStep, side: 'old' | 'new', member: Member, discriminator?: string): string | undefined {
  const schema = member.schema;
  const named = step.nameOf(side, schema);
  if (named) return named;
  if (typeof schema !== 'object' || schema === null) return undefined;
  if (typeof schema['title'] === 'string') return schema['title'];
  const pinned = discriminator
    ? (schema['properties'] as Record<string, { const?: unknown }> | undefined)?.[discriminator]?.const
    : undefined;
  return typeof pinned === 'string' ? pinned : undefined;
}

/**
 * Pairs the branches of two unions: by component name, title or pinned discriminator value, then
 * unchanged branches by content, then the remaining unnamed branches by position; what is left over
 * was removed or added.
 */
export function diffVariants(step: SchemaStep): void {
  const before = step.old.union;
  const after = step.new.union;
  if (!before || !after) return;
  const discriminator = step.new.discriminator?.propertyName ?? step.old.discriminator?.propertyName;
  const olds = before.variants.map((member, index) => ({
    member,
    index,
    key: variantKey(step, 'old', member, discriminator),
  }));
  const news = after.variants.map((member, index) => ({
    member,
    index,
    key: variantKey(step, 'new', member, discriminator),
  }));
  const pairs: [(typeof olds)[number], (typeof news)[number]][] = [];
  const take = (match: (o: (typeof olds)[number], n: (typeof news)[number]) => boolean) => {
    for (const o of [...olds]) {
      const n = news.find((candidate) => match(o, candidate));
      if (!n) continue;
      pairs.push([o, n]);
      olds.splice(olds.indexOf(o), 1);
      news.splice(news.indexOf(n), 1);
    }
  };
  take((o, n) => o.key !== undefined && o.key === n.key);
  take((o, n) => isDeepStrictEqual(o.member.schema, n.member.schema));
  const anonymousOld = olds.filter((o) => o.key === undefined);
  const anonymousNew = news.filter((n) => n.key === undefined);
  take((o, n) => o.key === undefined && n.key === undefined && anonymousOld.indexOf(o) === anonymousNew.indexOf(n));
  for (const o of olds) step.emit('variant-removed', `${before.keyword} branch ${o.key ?? `#${o.index + 1}`} removed`);
  for (const n of news) step.emit('variant-added', `${after.keyword} branch ${n.key ?? `#${n.index + 1}`} added`);
  for (const [o, n] of pairs) {
    const label = n.key ?? o.key ?? `#${n.index + 1}`;
    step.descend([o.member], [n.member], { location: `<${label}>`, pointer: '' });
  }
}
