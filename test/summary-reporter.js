// Prints the suite's result as one plain line ("682 passed, 0 failed"), for CI systems that do not
// read Jest's own summary.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stderr.write(
      `${results.numPassedTests} passed, ${results.numFailedTests}${skipped ? ` failed, ${skipped} skipped` : ' failed'}\n`,
    );
  }
}
