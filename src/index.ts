// The typed public API of arcgis-tasks-contract.
export * from './spec/index.js';
export * from './validation/index.js';
export * from './fixtures/index.js';
export * from './mock/index.js';
export {
  verify, VerifyRun, CHECKS, CHECK_NAMES, ApiMap, generateToken, TokenError, parseShard, inShard, isFailing,
  type VerifyOptions, type VerifyOutcome, type Finding, type Severity, type ToolError, type Check, type ExchangeCheck,
  type PairCheck, type CollectionCheck, type ExchangeContext, type Shard, type TallyRow, type RunMetadata,
} from './runner/index.js';
export { consoleReport, junitReport, jsonReport, writeReports, parseReportTarget, curlCommand, Redactor, type ReportTarget } from './report/index.js';
