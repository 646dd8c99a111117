// Closes the run with the slowest test files and the slowest tests (to keep the suite's time honest:
// test/sequencer.js orders a fresh clone's run by these files' times) and one plain line,
// "682 passed, 0 failed", for CI systems that do not read Jest's own summary. A beforeAll's time
// counts in its file's, not in any test's.
const SLOWEST = 8;

const seconds = (ms) => `${(ms / 1000).toFixed(1).padStart(7)} s`;

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const root = `${process.cwd()}/`;
    const files = results.testResults
      .map((file) => ({ ms: file.perfStats.end - file.perfStats.start, path: file.testFilePath.replace(root, '') }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SLOWEST);
    if (files.length > 1) {
      process.stderr.write(`\nSlowest test files:\n`);
      for (const { ms, path } of files) process.stderr.write(`${seconds(ms)}  ${path}\n`);
      const tests = results.testResults
        .flatMap((file) =>
          file.testResults.map((test) => ({
            ms: test.duration ?? 0,
            name: `${file.testFilePath.replace(root, '')}: ${test.fullName}`,
          })),
        )
        .sort((a, b) => b.ms - a.ms)
        .slice(0, SLOWEST);
      process.stderr.write(`Slowest tests:\n`);
      for (const { ms, name } of tests) process.stderr.write(`${seconds(ms)}  ${name.slice(0, 140)}\n`);
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stderr.write(
      `${results.numPassedTests} passed, ${results.numFailedTests}${skipped ? ` failed, ${skipped} skipped` : ' failed'}\n`,
    );
  }
}
