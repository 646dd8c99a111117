// Prints the suite's result as one plain closing line ("682 passed, 0 failed"), which CI systems
// that do not read Jest's own summary understand.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stderr.write(`${results.numPassedTests} passed, ${results.numFailedTests}${skipped ? ` failed, ${skipped} skipped` : ' failed'}\n`);
  }
}
