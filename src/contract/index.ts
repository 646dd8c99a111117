export type { components as ContractComponents, paths as ContractPaths } from '../shapes/contract.generated.js';
export * from '../shapes/contract-types.js';
export { specDigest } from './digest.js';
export { SpecLoadError } from './errors.js';
export { ContractLayout, layoutOf } from './layout.js';
export { contractFromDocument, loadContract, loadContractCached, type SpecReadOptions } from './load.js';
export { type OperationMatch, OperationMatcher } from './match.js';
export * from './model.js';
export { fillPath } from './operation-roles.js';
export { buildOperations } from './operations.js';
export { defaultSpecPath, packageRoot } from './package-root.js';
export { rawDocument } from './raw-document.js';
export {
  OPERATION_ROLES,
  type OperationRole,
  type ResourceKind,
  type RunWriteKind,
  roleOf,
  type WriteKind,
} from './roles.js';
export {
  type TokenPlacement,
  TokenPlacements,
  type TokenSources,
  type TokenTransport,
  tokenPlacementsOf,
} from './tokens.js';
