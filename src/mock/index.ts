// The embedded mock server and the Prism launcher.

export type { ErrorStatusMode, MockFailure } from './failure.js';
export { InvalidFixturesError, type LoadedFixtures, loadFixtureDirectory, seedFixtures } from './fixture-source.js';
export type { ResponseFormat } from './format.js';
export { describeNearMiss, describeRequest, logLine } from './journal/describe.js';
export { FILTER_NAMES, RequestFilterError } from './journal/filter.js';
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
export { DEFAULT_SITE_VERSION, LIMITS } from './options.js';
export {
  freePort,
  PRISM_PACKAGE,
  PrismNotInstalledError,
  type PrismOptions,
  prismCliPath,
  type RunningPrism,
  startPrism,
} from './prism/prism-launcher.js';
export { prismSpec } from './prism/prism-spec.js';
export { MAX_BODY_BYTES } from './request-body.js';
export { type BuiltScenario, scenarioState } from './scenarios/build-scenario.js';
export { bundledScenarios } from './scenarios/read-scenario.js';
export { type Scenario, ScenarioError } from './scenarios/scenario.js';
export { MAX_RUNS_PER_TASK } from './schedules/engine.js';
export {
  type OutcomeRule,
  Outcomes,
  type OutcomeTarget,
  STEERED_OUTCOMES,
  type SteeredOutcome,
} from './schedules/outcomes.js';
export { SUBMIT_MS } from './schedules/run-lifecycle.js';
export { createMockServer, journalOf, mockReady } from './server.js';
export { type RunningMock, startMockServer } from './start.js';
export { FAULTS, type Fault as PreferFault, MAX_DELAY_MS, parsePrefer, type Steering } from './steering.js';
export type { ScenarioInput } from './test-double.js';
export { type ClockReading, type ClockSetting, MockClock } from './time/clock.js';
export { addDuration, parseInstant } from './time/iso.js';
