// Reports of a verify run (console, JUnit XML, JSON): the public surface of src/report.
export { consoleReport } from './console.js';
export { jsonReport } from './json.js';
export { junitReport } from './junit.js';
export { parseReportTarget, type ReportFormat, type ReportTarget, writeReports } from './targets.js';
