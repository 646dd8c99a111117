// The verify engine: checks (one file each, in a registry), findings as data. The public surface of src/runner.
export { ApiMap, type ResourceKind, type WriteKind } from './api-map.js';
export { CHECK_NAMES, CHECKS } from './checks/registry.js';
export type {
  Check,
  CollectionCheck,
  CollectionInput,
  ExchangeCheck,
  ExchangeContext,
  PairCheck,
  Purpose,
} from './checks/types.js';
export { type ResourceReads, type VerifyOptions, VerifyRun, verify } from './engine.js';
export { type Finding, type FindingDraft, isFailing, type Severity, type ToolError } from './finding.js';
export type { Progress, RunMetadata, VerifyOutcome } from './outcome.js';
export { inShard, parseShard, type Shard } from './shard.js';
export type { TallyRow } from './tally.js';
