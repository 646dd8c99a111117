// The verify engine: checks (one file each, in a registry), transport, findings as data.
export { ApiMap, endpointName, RESOURCE_KINDS, type ResourceKind, type WriteKind } from './api-map.js';
export { generateToken, TokenError, type TokenRequest } from './auth.js';
export { CHECKS, CHECK_NAMES, selectChecks } from './checks/registry.js';
export type { Check, CollectionCheck, ExchangeCheck, ExchangeContext, PairCheck, Purpose } from './checks/types.js';
export { DEFAULTS, verify, VerifyRun, type VerifyOptions } from './engine.js';
export { displayUrl, INVALID_TOKEN, type Exchange, type Fault, type FaultKind, type RequestSpec } from './exchange.js';
export { isFailing, type Finding, type FindingDraft, type Severity, type ToolError } from './finding.js';
export type { Progress, RunMetadata, VerifyOutcome } from './outcome.js';
export { inShard, parseShard, WHOLE, type Shard } from './shard.js';
export type { TallyRow } from './tally.js';
export { Transport, type TransportOptions } from './transport.js';
export { PROBE_PREFIX } from './writes.js';
