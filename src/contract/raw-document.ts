import type { OpenAPIV3_1 } from 'openapi-types';
import type { ContractModel } from './model.js';

const documents = new WeakMap<ContractModel, OpenAPIV3_1.Document>();

/** Remembers the dereferenced document a model was built from (load.ts only). */
export function keepRawDocument(contract: ContractModel, document: OpenAPIV3_1.Document): void {
  documents.set(contract, document);
}

/**
 * The dereferenced OpenAPI document behind a model: for the few tools whose subject is the document
 * itself (spec diff walks two of them, drift places a patch in one, the validator compiles its
 * schemas, spec gate finds named examples). Everything else reads the model.
 */
export function rawDocument(contract: ContractModel): OpenAPIV3_1.Document {
  const document = documents.get(contract);
  if (!document) throw new Error(`no document behind the contract ${contract.sourcePath}`);
  return document;
}
