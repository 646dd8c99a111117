// The verify engine: checks (one file each, in a registry), findings as data. The public surface of src/verify.
export { ApiMap } from './api-map.js';
export { CHECK_NAMES, CHECKS } from './checks/registry.js';
export type {
  Check,
  CollectionCheck,
  ExchangeCheck,
  ExchangeContext,
  ListedItem,
  PairCheck,
  Purpose,
} from './checks/types.js';
export { type ResourceReads, type VerifyOptions, VerifyRun, verify } from './engine.js';
export { type Finding, type FindingDraft, type FindingSeverity, isFailing, type ToolError } from './finding.js';
export { mergeShardOutcomes, ShardMergeError, type ShardPart } from './merge-shards.js';
export type { MergedShard, Progress, RunMetadata, VerifyOutcome } from './outcome.js';
export { inShard, parseShard, type Shard } from './shard.js';
export type { TallyRow } from './tally.js';
