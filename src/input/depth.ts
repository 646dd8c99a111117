import { InputError } from './input-error.js';
import { INPUT_LIMITS } from './limits.js';
import { previewJson } from './preview.js';

/**
 * Whether text reads as JSON to be measured or masked: its first character after white space is `{`
 * or `[`. The first character decides unless it may be white space (`\s` holds non-ASCII spaces and
 * the byte order mark too): a regular expression per form field was 1% of the mock's GET.
 */
export function looksLikeJsonText(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 123 /* { */ || first === 91 /* [ */ || ((first <= 32 || first >= 127) && /^\s*[[{]/.test(text));
}

/**
 * How deep JSON text nests, without parsing it: brackets outside strings, counted in one pass.
 * Returns the depth reached, stopping as soon as it passes `limit` (so it is cheap on bombs).
 *
 * @example jsonTextDepth('{"a":[1]}', 256) // 2
 */
export function jsonTextDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * False when `text` holds at most `limit` opening brackets, in strings or not: every level opens
 * with one, so it cannot nest deeper than `limit`. Native searches, no walk by character: a
 * document of a few kilobytes is cleared 50 times faster than by `jsonTextDepth`.
 *
 * @example mayNestDeeperThan('{"a":[1]}', 64) // false
 */
export function mayNestDeeperThan(text: string, limit: number): boolean {
  let brackets = 0;
  for (const opening of ['{', '[']) {
    for (let at = text.indexOf(opening); at !== -1; at = text.indexOf(opening, at + 1))
      if (++brackets > limit) return true;
  }
  return false;
}

/**
 * How deep a parsed value nests (arrays and objects), walked without recursion. Shared subtrees
 * (YAML aliases, dereferenced `$ref`s) are walked again only when met deeper, so an alias bomb costs
 * at most nodes x limit; a cycle is reported as deeper than `limit`.
 *
 * @example valueDepth({ a: [1] }, 256) // 2
 */
export function valueDepth(value: unknown, limit: number): number {
  const deepestSeen = new Map<object, number>();
  const stack: [unknown, number][] = [[value, 0]];
  let deepest = 0;
  while (stack.length > 0) {
    const [node, above] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const depth = above + 1;
    if (depth > limit) return depth;
    if ((deepestSeen.get(node) ?? 0) >= depth) continue;
    deepestSeen.set(node, depth);
    if (depth > deepest) deepest = depth;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth]);
    }
  }
  return deepest;
}

/** How deep the toolkit's recursive walkers go: the depth limit of every document read (INPUT_LIMITS). */
export const MAX_WALK_DEPTH = INPUT_LIMITS.depth.value;

/**
 * The refusal of a walker that met a value nested deeper than MAX_WALK_DEPTH: an InputError naming
 * what was walked, where a stack overflow (RangeError) would otherwise end the program.
 *
 * @example if (depth > MAX_WALK_DEPTH) throw tooDeep('the fixture overrides');
 */
export function tooDeep(what: string): InputError {
  const reason = `nested deeper than ${MAX_WALK_DEPTH} levels`;
  return new InputError(`${what} ${reason}`, 'too-deep', reason);
}

/**
 * JSON.stringify for values from outside, for keys and messages: past MAX_WALK_DEPTH (where
 * JSON.stringify would overflow the stack a few thousand levels down) the value's first characters
 * and a note instead. The depth is checked without recursion. `undefined` gives `undefined`.
 *
 * @example stringifyBounded({ a: 1 }) // '{"a":1}'
 */
export function stringifyBounded(value: unknown): string | undefined {
  if (valueDepth(value, MAX_WALK_DEPTH) <= MAX_WALK_DEPTH) return JSON.stringify(value);
  return `${previewJson(value, 200)} (nested deeper than ${MAX_WALK_DEPTH} levels, cut)`;
}
