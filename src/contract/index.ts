export type { components as ContractComponents, paths as ContractPaths } from './contract.generated.js';
export * from './contract-types.js';
export { specDigest } from './digest.js';
export { SpecLoadError } from './errors.js';
export { contractFromDocument, loadContract, loadContractCached, type SpecReadOptions } from './load.js';
export { type OperationMatch, OperationMatcher } from './match.js';
export * from './model.js';
export { buildOperations } from './operations.js';
export { defaultSpecPath, packageRoot } from './package-root.js';
