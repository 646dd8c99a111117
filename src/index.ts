// The typed public API of arcgis-tasks-contract: each folder's index.ts is its public surface.

export * from './contract/index.js';
export * from './domain/index.js';
export * from './drift/index.js';
export * from './fixtures/index.js';
export * from './http/index.js';
export * from './input/index.js';
export * from './matchers/index.js';
export * from './mock/index.js';
export * from './pact/index.js';
export * from './record/index.js';
export * from './redaction/index.js';
export * from './report/index.js';
export * from './spec-change/diff/index.js';
export * from './spec-change/gate/index.js';
export * from './validation/index.js';
export * from './verify/index.js';
