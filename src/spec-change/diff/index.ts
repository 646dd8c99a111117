// The spec evolution engine: what changes between two versions of the contract, and whom it breaks.
export {
  type ChangeSeverity,
  type Classification,
  type Direction,
  type FailOn,
  failsAt,
  type RuleDefinition,
  type RuleFamily,
  type SeverityOverride,
  type SpecChange,
} from './change.js';
export { componentNames } from './component-names.js';
export { CONFIG_FILE, ConfigError, type DiffConfig, loadDiffConfig, PACKAGE_KEY } from './config.js';
export { type DiffOptions, diffContracts } from './diff.js';
export { type ChangeCounts, countChanges, type DiffOutcome, diffOutcome, type SpecInfo } from './outcome.js';
export { RULES, RULES_BY_ID } from './rules/index.js';
export { type LoadedSpec, loadSpecAt, parseSpecLocation, type SpecLocation } from './spec-source.js';
