// The typed public API of arcgis-tasks-contract.
export * from './spec/index.js';
export * from './validation/index.js';
export * from './fixtures/index.js';
export * from './mock/index.js';
