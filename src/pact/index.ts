export { compatibilityMatrix, PactSpecChecker, type Compatibility, type CompatibilityRow, type InteractionVerdict, type Reason } from './check-spec.js';
export { PactFileError } from './errors.js';
export { ValueMatcher, type Mismatch } from './match-value.js';
export type { Matcher, MatchingRule, Pact, PactInteraction, PactRequest, PactResponse, ProviderState, RuleSet } from './model.js';
export { normalizePact, readPact } from './read-pact.js';
