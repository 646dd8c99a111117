import { escapePointerToken } from '../validation/json-pointer.js';

/** One place where two JSON values differ. */
export interface Difference {
  readonly pointer: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/**
 * The places where `actual` differs from `expected`, depth first, at most `limit` of them.
 * Object key order does not matter; array order does.
 *
 * @example jsonDifferences({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }) // [{ pointer: '/b/1', expected: 2, actual: 3 }]
 */
export function jsonDifferences(expected: unknown, actual: unknown, limit = 10, pointer = ''): Difference[] {
  if (Object.is(expected, actual)) return [];
  const bothArrays = Array.isArray(expected) && Array.isArray(actual);
  const bothObjects = isPlainObject(expected) && isPlainObject(actual);
  if (!bothArrays && !bothObjects) return [{ pointer, expected, actual }];
  const out: Difference[] = [];
  if (bothArrays) {
    const a = expected as unknown[];
    const b = actual as unknown[];
    for (let i = 0; i < Math.max(a.length, b.length) && out.length < limit; i++) {
      out.push(...jsonDifferences(a[i], b[i], limit - out.length, `${pointer}/${i}`));
    }
    return out;
  }
  const a = expected as Record<string, unknown>;
  const b = actual as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (out.length >= limit) break;
    out.push(...jsonDifferences(a[key], b[key], limit - out.length, `${pointer}/${escapePointerToken(key)}`));
  }
  return out;
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
