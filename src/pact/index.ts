export {
  type Compatibility,
  type CompatibilityRow,
  compatibilityMatrix,
  type InteractionVerdict,
  PactSpecChecker,
  type Reason,
} from './check-spec.js';
export { PactFileError } from './errors.js';
export { matchHeaders } from './header-match.js';
export { type Mismatch, ValueMatcher } from './match-value.js';
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
  resolveStates,
  type StatesFile,
  stateDocuments,
} from './provider-states.js';
export { normalizePact, readPact } from './read-pact.js';
export { type ReplayOptions, type ReplayResult, replayInteraction, replayPacts, type StateHandler } from './replay.js';
export { createStubServer } from './stub-server.js';
