// Reports of a verify run (console, JUnit XML, JSON).
export { consoleReport } from './console.js';
export { JSON_REPORT_VERSION, jsonReport } from './json.js';
export { junitReport } from './junit.js';
export { countFindings, type FindingCounts } from './summary.js';
export { parseReportTarget, type ReportFormat, type ReportTarget, writeReports } from './targets.js';
