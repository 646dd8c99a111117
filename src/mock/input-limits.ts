import { jsonTextDepth, looksLikeJsonText } from '../input/index.js';
import { failure, type MockFailure } from './failure.js';
import type { Params } from './params.js';

/**
 * How deep JSON that enters the mock may nest (form fields such as `parameters`, `task`, `runs`;
 * scenarios). The contract's deepest documents nest about 6 levels; 64 leaves room for any real
 * client while keeping every later walk (validation, diagnostics, the journal) far from the stack's end.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The first field of a form (or query) whose JSON nests deeper than MAX_JSON_DEPTH, as a 400
 * failure; undefined when every field is within the limit.
 */
export function tooDeepField(params: Params): MockFailure | undefined {
  for (const [name, value] of params) {
    if (looksLikeJsonText(value) && jsonTextDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      return failure(400, 'Unable to complete operation.', [
        `Invalid value for parameter '${name}': its JSON may nest at most ${MAX_JSON_DEPTH} levels.`,
      ]);
    }
  }
  return undefined;
}
