// `import 'arcgis-tasks-contract/matchers/vitest'` in a vitest test (or setup file): extends
// vitest's expect with the journal matchers and declares them.

import { expect } from 'vitest';
import { type JournalMatchers, journalMatchers } from './index.js';

expect.extend(journalMatchers);

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must be that of vitest's own declaration
  interface Assertion<T = any> extends JournalMatchers<void> {}
}
