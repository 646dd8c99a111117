import junitModule, { type Builder } from 'junit-report-builder';

/**
 * junit-report-builder's root builder. The package is CommonJS (`module.exports = builder`) while
 * its types declare an ES default export: take whichever shape the loader produced.
 */
export const junitRoot = ((junitModule as unknown as { default?: Builder }).default ??
  junitModule) as unknown as Builder;
