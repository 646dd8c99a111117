// Reports of a verify run (console, JUnit XML, JSON), reproduction commands and secret masking.
export { consoleReport, ProgressPrinter, progressLine } from './console.js';
export { type CurlRequest, curlCommand, shellQuote } from './curl.js';
export { JSON_REPORT_VERSION, jsonReport } from './json.js';
export { junitReport } from './junit.js';
export { Redactor } from './redact.js';
export { countFindings, type FindingCounts } from './summary.js';
export { parseReportTarget, type ReportFormat, type ReportTarget, writeReports } from './targets.js';
