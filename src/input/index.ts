export { jsonTextDepth, valueDepth } from './depth.js';
export { InputError, type InputProblem } from './input-error.js';
export { formatBytes, INPUT_LIMITS, type InputLimit } from './limits.js';
export { assertDepth, type ParseLimit, parseJsonText, parseYamlText } from './parse.js';
export { type FileLimit, readTextFile } from './read-file.js';
export { terminalText } from './terminal.js';
