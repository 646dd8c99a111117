// The embedded mock server and the Prism launcher.

export type { ErrorStatusMode, MockFailure } from './failure.js';
export { seedFixtures } from './fixture-source.js';
export type { ResponseFormat } from './format.js';
export { describeNearMiss, describeRequest, logLine } from './journal/describe.js';
export { FILTER_NAMES, RequestFilterError } from './journal/filter.js';
export { parseInstant } from './journal/instant.js';
export {
  DEFAULT_JOURNAL_SIZE,
  type JournalReader,
  type JournalStats,
  MAX_JOURNAL_SIZE,
  RequestJournal,
} from './journal/journal.js';
export {
  type AppliedFault,
  type Difference,
  type NearMiss,
  type RecordedRequest,
  type RequestFilter,
  TOKEN_TRANSPORTS,
  type TokenTransport,
} from './journal/recorded-request.js';
export type { RequestLogger } from './journal/recorder.js';
export { fetchJournal } from './journal/remote.js';
export type { MockOptions } from './options.js';
export { LIMITS } from './options.js';
export { freePort, type PrismOptions, prismCliPath, type RunningPrism, startPrism } from './prism/prism-launcher.js';
export { prismSpec } from './prism/prism-spec.js';
export { MAX_BODY_BYTES } from './request-body.js';
export { createMockServer, journalOf, mockReady } from './server.js';
export { type RunningMock, startMockServer } from './start.js';
export { FAULTS, type Fault as PreferFault, MAX_DELAY_MS, parsePrefer, type Steering } from './steering.js';
