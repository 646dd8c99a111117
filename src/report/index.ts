// Reports of a verify run (console, JUnit XML, JSON), reproduction commands and secret masking.
export { consoleReport, ProgressPrinter, progressLine } from './console.js';
export { curlCommand, shellQuote, type CurlRequest } from './curl.js';
export { jsonReport, JSON_REPORT_VERSION } from './json.js';
export { junitReport } from './junit.js';
export { Redactor } from './redact.js';
export { countFindings, type FindingCounts } from './summary.js';
export { parseReportTarget, writeReports, type ReportFormat, type ReportTarget } from './targets.js';
