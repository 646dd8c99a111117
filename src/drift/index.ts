// Drift: how real traffic differs from the contract, the change that would close the gap, and what
// changed on a site between two recordings.
export {
  analyzeDrift,
  type DateStyleEntry,
  type DriftAnalysis,
  type DriftResult,
  type DriftSample,
  dateFieldNames,
  type EnumEntry,
  generalPath,
  hasDrift,
  type InvariantEntry,
  type MissingFieldEntry,
  type Occurrence,
  type OtherEntry,
  type TypeEntry,
  type UnknownFieldEntry,
} from './analyze.js';
export { compareRecordings, type RecordingComparison, type TaskChange, type TaskNote } from './compare.js';
export { DRIFT_REPORT_VERSION, type DriftReport, driftReport, type ProposedChange, rawSpec } from './drift.js';
export { inferSchema, type Proposal, proposeChange } from './propose.js';
export { type DriftSource, sourceFromCrawl, sourceFromDirectory } from './sources.js';
export { type Located, SpecLocator, type SpecPlace } from './spec-locator.js';
