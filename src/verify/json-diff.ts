import { MAX_WALK_DEPTH, previewJson } from '../input/index.js';
import { pointerFromTokens } from '../validation/json-pointer.js';

/** One place where two JSON values differ. */
export interface Difference {
  readonly pointer: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/**
 * The places where `actual` differs from `expected`, depth first, at most `limit` of them.
 * Object key order does not matter; array order does. Values nested deeper than MAX_WALK_DEPTH are
 * not compared: the place where they go deeper is a difference of its own, the values previewed.
 *
 * @example jsonDifferences({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }) // [{ pointer: '/b/1', expected: 2, actual: 3 }]
 */
export function jsonDifferences(expected: unknown, actual: unknown, limit = 10, pointer = ''): Difference[] {
  // the path is kept as tokens and turned into a pointer only where a difference is found: equal
  // documents, the usual case, are walked without building a string per node
  const walk: Walk = { limit, path: [], out: [] };
  collectDifferences(expected, actual, walk);
  return pointer ? walk.out.map((d) => ({ ...d, pointer: `${pointer}${d.pointer}` })) : walk.out;
}

/** Where a comparison is, and what it found so far. */
interface Walk {
  readonly limit: number;
  readonly path: (string | number)[];
  readonly out: Difference[];
}

function collectDifferences(expected: unknown, actual: unknown, walk: Walk): void {
  if (Object.is(expected, actual)) return;
  const bothArrays = Array.isArray(expected) && Array.isArray(actual);
  const bothObjects = !bothArrays && isPlainObject(expected) && isPlainObject(actual);
  if (!bothArrays && !bothObjects) {
    walk.out.push({ pointer: pointerFromTokens(walk.path), expected, actual });
    return;
  }
  const { out, limit } = walk;
  if (walk.path.length >= MAX_WALK_DEPTH) {
    const note = (value: unknown) =>
      `${previewJson(value, 60)} (nested deeper than ${MAX_WALK_DEPTH} levels, not compared)`;
    out.push({ pointer: pointerFromTokens(walk.path), expected: note(expected), actual: note(actual) });
    return;
  }
  if (bothArrays) {
    const a = expected as unknown[];
    const b = actual as unknown[];
    for (let i = 0; i < Math.max(a.length, b.length) && out.length < limit; i++) step(i, a[i], b[i], walk);
    return;
  }
  const a = expected as Record<string, unknown>;
  const b = actual as Record<string, unknown>;
  for (const key in a) if (out.length < limit && Object.hasOwn(a, key)) step(key, a[key], b[key], walk);
  for (const key in b)
    if (out.length < limit && Object.hasOwn(b, key) && !Object.hasOwn(a, key)) step(key, undefined, b[key], walk);
}

function step(key: string | number, expected: unknown, actual: unknown, walk: Walk): void {
  walk.path.push(key);
  collectDifferences(expected, actual, walk);
  walk.path.pop();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Fields that a live server changes on its own between two reads a moment apart (a task ran, a
 * run moved on). A difference only there is a warning, not an error.
 */
const VOLATILE = new Set(['lastStart', 'updated', 'modified', 'generation']);

export function isVolatile(difference: Difference): boolean {
  const last = difference.pointer.split('/').pop() ?? '';
  return VOLATILE.has(last);
}
