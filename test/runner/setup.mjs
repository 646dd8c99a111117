// Run once per worker thread before its first test file (jest.config.js's setupFilesAfterEnv). It gives the
// runner's globals what Jest's own environment has and jest-light-runner does not:
// - one budget for every test and hook (180 s, or the test's own third argument), which only ends a
//   hang: what a test waits for it waits on by events, so a busy runner makes it slower, never red;
// - `it.each`, `test.each` and `describe.each` (jest-each, as Jest binds them), and `it.concurrent`.
import { bind } from 'jest-each';

const BUDGET_MS = 180_000;

/** `fn` (done-callback or promise style) as a promise that fails when it outlasts its budget. */
function budgeted(fn, ms = BUDGET_MS) {
  if (typeof fn !== 'function') return fn;
  return () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Exceeded the ${ms} ms budget (a hang: nothing it waited for came)`)),
        ms,
      );
      const run =
        fn.length >= 1
          ? new Promise((done, fail) => fn((error) => (error ? fail(error) : done())))
          : Promise.resolve().then(fn);
      run.then(resolve, reject).finally(() => clearTimeout(timer));
    });
}

function budgetedTest(base) {
  const wrapped = (name, fn, ms) => base(name, budgeted(fn, ms));
  wrapped.only = (name, fn, ms) => base.only(name, budgeted(fn, ms));
  wrapped.skip = base.skip;
  wrapped.todo = base.todo;
  wrapped.each = bind(wrapped);
  // `it.concurrent` runs in turn: the runner has no concurrent mode (the tests do not depend on one)
  wrapped.concurrent = (name, fn, ms) => wrapped(name, fn, ms);
  wrapped.concurrent.each = bind(wrapped.concurrent);
  return wrapped;
}

const g = globalThis;
g.it = budgetedTest(g.it);
g.test = budgetedTest(g.test);
g.describe.each = bind(g.describe, false);
for (const hook of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach']) {
  const base = g[hook];
  g[hook] = (fn, ms) => base(budgeted(fn, ms));
}
