// The verify engine: checks (one file each, in a registry), findings as data.
export { ApiMap, endpointName, RESOURCE_KINDS, type ResourceKind, type WriteKind } from './api-map.js';
export { CHECK_NAMES, CHECKS, selectChecks } from './checks/registry.js';
export type { Check, CollectionCheck, ExchangeCheck, ExchangeContext, PairCheck, Purpose } from './checks/types.js';
export { DEFAULTS, type VerifyOptions, VerifyRun, verify } from './engine.js';
export { type Finding, type FindingDraft, isFailing, type Severity, type ToolError } from './finding.js';
export { mergeShardOutcomes, ShardMergeError, type ShardPart } from './merge-shards.js';
export type { MergedShard, Progress, RunMetadata, VerifyOutcome } from './outcome.js';
export { inShard, parseShard, type Shard, WHOLE } from './shard.js';
export type { TallyRow } from './tally.js';
export { PROBE_PREFIX } from './writes.js';
