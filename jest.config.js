// Jest runs the test files as native ES modules in worker threads (jest-light-runner): no vm context
// per file, so a module loads once per worker and a global read costs what it costs in Node (in a vm
// context each read of Math or Array went through an interceptor, about 100x slower). TypeScript is
// transpiled on load by test/runner/hooks.mjs, registered by `node --import` (scripts/test.mjs);
// `tsc --noEmit` in `npm test` is the type check. test/runner/setup.mjs adds the one time budget
// and `.each`. Test files share a worker's module cache: a test leaves no global state behind.
export default {
  runner: 'jest-light-runner',
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/contracts/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/runner/setup.mjs'],
  // Two workers even on two cores: many files spend their time waiting for processes they spawn
  // (the CLI, Prism, npm, tsc), so a second file runs in that time (Jest's default here is one).
  maxWorkers: 2,
  // the slowest files first, also on a fresh clone where Jest has no timings yet
  testSequencer: '<rootDir>/test/sequencer.js',
  globalSetup: '<rootDir>/test/global-setup.js',
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
