import { defineConfig } from 'vitest/config';

// A tiny vitest project run by test/matchers/vitest.test.ts: it proves that the journal matchers
// work with vitest's expect.extend and that their types are declared for vitest.
export default defineConfig({
  test: { include: ['*.vitest.ts'], testTimeout: 20_000 },
});
