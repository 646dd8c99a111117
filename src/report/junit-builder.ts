import { createRequire } from 'node:module';
import type { Builder } from 'junit-report-builder';

let root: Builder | undefined;

/**
 * junit-report-builder's root builder, loaded on first use: the package takes about 100 ms to load,
 * which a verify or pact run without a JUnit report should not pay. It is CommonJS
 * (`module.exports = builder`), so a plain `require` gives the builder itself.
 */
export function junitRoot(): Builder {
  root ??= createRequire(import.meta.url)('junit-report-builder') as Builder;
  return root;
}
