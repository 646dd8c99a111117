import { failure, type MockFailure } from './failure.js';
import type { Params } from './params.js';

/**
 * How deep JSON that enters the mock may nest (form fields such as `parameters`, `task`, `runs`;
 * scenarios). The contract's deepest documents nest about 6 levels; 64 leaves room for any real
 * client while keeping every later walk (validation, diagnostics, the journal) far from the stack's end.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of `[`/`{` in JSON text (outside strings), counted without parsing; it stops
 * as soon as `limit` is passed, so hostile text costs one scan at most.
 *
 * @example jsonDepth('{"a":[1,{"b":2}]}') // 3
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** A field that reads as JSON (starts with `{` or `[`) is measured; other text is left to the contract. */
const looksLikeJson = (value: string): boolean => /^\s*[[{]/.test(value);

/**
 * The first field of a form (or query) whose JSON nests deeper than MAX_JSON_DEPTH, as a 400
 * failure; undefined when every field is within the limit.
 */
export function tooDeepField(params: Params): MockFailure | undefined {
  for (const [name, value] of params) {
    if (looksLikeJson(value) && jsonDepth(value) > MAX_JSON_DEPTH) {
      return failure(400, 'Unable to complete operation.', [
        `Invalid value for parameter '${name}': its JSON may nest at most ${MAX_JSON_DEPTH} levels.`,
      ]);
    }
  }
  return undefined;
}
