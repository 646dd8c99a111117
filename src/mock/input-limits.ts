import { jsonTextDepth } from '../input/index.js';
import { failure, type MockFailure } from './failure.js';
import type { Params } from './params.js';

/**
 * How deep JSON that enters the mock may nest (form fields such as `parameters`, `task`, `runs`;
 * scenarios). The contract's deepest documents nest about 6 levels; 64 leaves room for any real
 * client while keeping every later walk (validation, diagnostics, the journal) far from the stack's end.
 */
export const MAX_JSON_DEPTH = 64;

/** A field that reads as JSON (starts with `{` or `[`) is measured; other text is left to the contract. */
const looksLikeJson = (value: string): boolean => {
  const first = value.charCodeAt(0);
  // the first character decides, unless it may be white space (\s holds non-ASCII spaces too): a regular
  // expression per field was 1% of a GET
  return first === 123 /* { */ || first === 91 /* [ */ || ((first <= 32 || first >= 127) && /^\s*[[{]/.test(value));
};

/**
 * The first field of a form (or query) whose JSON nests deeper than MAX_JSON_DEPTH, as a 400
 * failure; undefined when every field is within the limit.
 */
export function tooDeepField(params: Params): MockFailure | undefined {
  for (const [name, value] of params) {
    if (looksLikeJson(value) && jsonTextDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      return failure(400, 'Unable to complete operation.', [
        `Invalid value for parameter '${name}': its JSON may nest at most ${MAX_JSON_DEPTH} levels.`,
      ]);
    }
  }
  return undefined;
}
