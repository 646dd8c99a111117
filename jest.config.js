// Jest runs the TypeScript sources as native ES modules (node --experimental-vm-modules),
// transformed by @swc/jest; `tsc --noEmit` in `npm test` is the type check.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // the package's own name, as its users import it (the README's examples), read from src/
    '^arcgis-tasks-contract$': '<rootDir>/src/index.ts',
    '^arcgis-tasks-contract/matchers(/.*)?$': '<rootDir>/src/matchers$1',
  },
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/contracts/**/*.test.ts'],
  // One generous budget for every test and hook, and no shorter ones: it only ends a hang. What a test
  // waits for it waits on by events, so a busy runner makes the suite slower, never red.
  testTimeout: 180_000,
  // Two workers even on two cores: many files spend their time waiting for processes they spawn
  // (the CLI, Prism, npm, tsc), so a second file runs in that time (Jest's default here is one).
  maxWorkers: 2,
  // the slowest files first, also on a fresh clone where Jest has no timings yet
  testSequencer: '<rootDir>/test/sequencer.js',
  globalSetup: '<rootDir>/test/global-setup.js',
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
