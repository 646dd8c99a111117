// Reports of verify and pact runs (console, JUnit XML, JSON, HTML), and reading a JSON report back.
export { consoleReport } from './console.js';
export { pactHtmlReport } from './html/pact-html.js';
export { verifyHtmlReport } from './html/verify-html.js';
export { JSON_REPORT_VERSION, jsonReport } from './json.js';
export { junitReport } from './junit.js';
export { JsonReportError, parseVerifyJsonReport, VERIFY_JSON_REPORT_SCHEMA } from './read-json-report.js';
export { countFindings, type FindingCounts } from './summary.js';
export { parseReportTarget, type ReportFormat, type ReportTarget, writeReports } from './targets.js';
