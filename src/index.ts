// The typed public API of arcgis-tasks-contract.

export * from './domain/index.js';
export * from './drift/index.js';
export * from './evolution/index.js';
export * from './fixtures/index.js';
export * from './gate/index.js';
export * from './http/index.js';
export * from './matchers/index.js';
export * from './mock/index.js';
export * from './record/index.js';
export {
  comparisonConsoleReport,
  consoleReport,
  driftConsoleReport,
  driftJsonReport,
  jsonReport,
  junitReport,
  parseReportTarget,
  type ReportTarget,
  writeReports,
} from './report/index.js';
export {
  ApiMap,
  CHECK_NAMES,
  CHECKS,
  type Check,
  type CollectionCheck,
  type ExchangeCheck,
  type ExchangeContext,
  type Finding,
  inShard,
  isFailing,
  type PairCheck,
  parseShard,
  type RunMetadata,
  type Severity,
  type Shard,
  type TallyRow,
  type ToolError,
  type VerifyOptions,
  type VerifyOutcome,
  VerifyRun,
  verify,
} from './runner/index.js';
export * from './spec/index.js';
export * from './validation/index.js';
