// `import 'arcgis-tasks-contract/matchers/jest'` in a jest test (or setup file): extends jest's
// expect with the journal matchers and declares them for `@jest/globals` and for `@types/jest`.

import { expect } from '@jest/globals';
import { type JournalMatchers, journalMatchers } from './index.js';

expect.extend(journalMatchers);

declare module 'expect' {
  // the type parameters must be those of expect's own declaration
  interface Matchers<R extends void | Promise<void>, T = unknown> extends JournalMatchers<R> {}
}

declare global {
  namespace jest {
    // biome-ignore lint/complexity/noBannedTypes: the type parameters must be those of @types/jest's declaration
    interface Matchers<R, T = {}> extends JournalMatchers<R> {}
  }
}
