// Reports of verify, pact, drift and spec evolution runs (console, JUnit XML, JSON): the public surface of src/report.
export { consoleReport } from './console.js';
export { comparisonConsoleReport, driftConsoleReport, driftJsonReport } from './drift-report.js';
export { jsonReport } from './json.js';
export { junitReport } from './junit.js';
export { parseReportTarget, type ReportFormat, type ReportTarget, writeReports } from './targets.js';
