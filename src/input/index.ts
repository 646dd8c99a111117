export { jsonTextDepth, looksLikeJsonText, MAX_WALK_DEPTH, stringifyBounded, tooDeep, valueDepth } from './depth.js';
export { InputError, type InputProblem } from './input-error.js';
export { formatBytes, INPUT_LIMITS, type InputLimit } from './limits.js';
export { assertDepth, type ParseLimit, parseJsonText, parseYamlText } from './parse.js';
export { previewJson } from './preview.js';
export { type FileLimit, readTextFile } from './read-file.js';
export { terminalText } from './terminal.js';
