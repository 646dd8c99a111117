export { createAjv } from './ajv-instance.js';
export { ContractValidator } from './contract-validator.js';
export { SchemaPreparer } from './dispatch.js';
export { detectErrorEnvelope, type DetectedError, type ErrorEnvelopeKind } from './envelope.js';
export { escapePointerToken, valueAtPointer } from './json-pointer.js';
export { essence, matchMediaType } from './media-type.js';
export { SchemaValidator, ValidatorFactory } from './schema-validator.js';
export { VALID, type ValidationResult, type Violation } from './violation.js';
