import { essence } from '../validation/media-type.js';
import type { Mismatch } from './match-value.js';
import { ValueMatcher } from './match-value.js';
import type { MatchingRule } from './model.js';

/** Headers a pact may name that say nothing about the API's behaviour. */
const IGNORED = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'server', 'etag']);

/**
 * Expected headers against actual ones (names lower-cased). Content-Type compares its media type
 * only (`application/json;charset=UTF-8` is `application/json`); header rules (regex, ...) apply.
 */
export function matchHeaders(
  expected: Readonly<Record<string, string>>,
  actual: Readonly<Record<string, string | undefined>>,
  rules: readonly MatchingRule[],
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const [name, value] of Object.entries(expected)) {
    if (IGNORED.has(name)) continue;
    const got = actual[name];
    const pointer = `/headers/${name}`;
    if (got === undefined) {
      mismatches.push({ pointer, message: `header ${name} is missing`, expected: value, actual: undefined });
      continue;
    }
    const rule = rules.find((r) => r.path.toLowerCase() === name);
    if (rule) {
      const found = new ValueMatcher([{ ...rule, path: '$' }]).compare(value, got);
      mismatches.push(
        ...found.map((m) => ({ ...m, pointer, message: `header ${name} ${m.message.replace(/^\(root\) /, '')}` })),
      );
    } else if (name === 'content-type' ? essence(value) !== essence(got) : value !== got) {
      mismatches.push({
        pointer,
        message: `header ${name} must be ${JSON.stringify(value)}; got ${JSON.stringify(got)}`,
        expected: value,
        actual: got,
      });
    }
  }
  return mismatches;
}
