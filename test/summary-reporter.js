// Closes the run with the slowest test files (to keep the suite's time honest) and one plain line,
// "682 passed, 0 failed", for CI systems that do not read Jest's own summary.
const SLOWEST = 8;

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const root = `${process.cwd()}/`;
    const files = results.testResults
      .map((file) => ({ seconds: (file.perfStats.end - file.perfStats.start) / 1000, path: file.testFilePath }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, SLOWEST);
    if (files.length > 1) {
      process.stderr.write(`\nSlowest test files:\n`);
      for (const { seconds, path } of files)
        process.stderr.write(`${seconds.toFixed(1).padStart(7)} s  ${path.replace(root, '')}\n`);
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stderr.write(
      `${results.numPassedTests} passed, ${results.numFailedTests}${skipped ? ` failed, ${skipped} skipped` : ' failed'}\n`,
    );
  }
}
