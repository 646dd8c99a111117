// Reports of verify, pact, drift and spec evolution runs (console, JUnit XML, JSON, HTML), and reading a
// verify JSON report back: the public surface of src/report.
export { consoleReport } from './console.js';
export { comparisonConsoleReport, driftConsoleReport, driftJsonReport } from './drift-report.js';
export { pactHtmlReport } from './html/pact-html.js';
export { verifyHtmlReport } from './html/verify-html.js';
export { jsonReport } from './json.js';
export { junitReport } from './junit.js';
export { JsonReportError, parseVerifyJsonReport } from './read-json-report.js';
export { parseReportTarget, type ReportFormat, type ReportTarget, writeReports } from './targets.js';
