// The spec gate: re-checks pacts, fixtures, scenarios, recordings and examples against a new contract.
export {
  type ArtifactDocument,
  ArtifactError,
  type ArtifactKind,
  type ArtifactSource,
  type DocumentArtifact,
  type SchemaTarget,
  type SourceResult,
  TARGETS,
} from './artifact.js';
export { type GateOptions, runGate } from './gate.js';
export { type Judgement, SpecJudge } from './judge.js';
export { countRows, FAILING, type GateOutcome, type GateRow, type RowStatus, rowStatus } from './outcome.js';
export { exampleArtifacts } from './sources/examples.js';
export { fixtureSource } from './sources/fixtures.js';
export { loadPacts, type PactLocations } from './sources/pacts.js';
export { recordingSource } from './sources/recordings.js';
export {
  inlineScenarioDocuments,
  type ScenarioDocuments,
  type ScenarioMaterializer,
  scenarioSource,
} from './sources/scenarios.js';
