// Loaded by `node --import` before Jest (scripts/test.mjs): the test files and src/ run as native ES
// modules in the runner's worker threads (jest-light-runner), TypeScript transpiled on load by swc.
// Worker threads inherit this flag; the processes a test spawns do not.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
