// The typed public API of arcgis-tasks-contract.

export * from './domain/index.js';
export * from './fixtures/index.js';
export * from './http/index.js';
export * from './mock/index.js';
export {
  consoleReport,
  JsonReportError,
  jsonReport,
  junitReport,
  pactHtmlReport,
  parseReportTarget,
  parseVerifyJsonReport,
  type ReportTarget,
  verifyHtmlReport,
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
  type MergedShard,
  mergeShardOutcomes,
  type PairCheck,
  parseShard,
  type RunMetadata,
  type Severity,
  type Shard,
  ShardMergeError,
  type ShardPart,
  type TallyRow,
  type ToolError,
  type VerifyOptions,
  type VerifyOutcome,
  VerifyRun,
  verify,
} from './runner/index.js';
export * from './spec/index.js';
export * from './validation/index.js';
