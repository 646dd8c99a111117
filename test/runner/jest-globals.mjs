// What `import { ... } from '@jest/globals'` gives a test file under jest-light-runner (hooks.mjs
// maps the package here): the globals the runner and setup.mjs installed.
export const { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest, test } = globalThis;
