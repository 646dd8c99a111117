// Consumer contracts (pact files): read them, check them against the spec, replay them against a
// provider with provider states, serve them as a stub. The public surface of src/pact.
export {
  type Compatibility,
  type CompatibilityRow,
  compatibilityMatrix,
  type InteractionVerdict,
  PactSpecChecker,
  type Reason,
} from './check-spec.js';
export { PactFileError } from './errors.js';
export type { Mismatch } from './match-value.js';
export { MockStateHandler } from './mock-state-handler.js';
export type {
  Matcher,
  MatchingRule,
  Pact,
  PactInteraction,
  PactRequest,
  PactResponse,
  ProviderState,
  RuleSet,
} from './model.js';
export {
  defaultStatesPath,
  readStatesFile,
  type StateSetup,
  type StatesFile,
  type StateTask,
} from './provider-states.js';
export { normalizePact, readPact } from './read-pact.js';
export {
  ProviderUnreachableError,
  type ReplayOptions,
  type ReplayResult,
  type ReplayStatus,
  replayPacts,
  type StateHandler,
} from './replay.js';
export { createStubServer } from './stub-server.js';
