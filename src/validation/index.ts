export { createAjv } from './ajv-instance.js';
export {
  checkDocument,
  DOCUMENT_SCHEMA,
  type DocumentCheckOptions,
  type DocumentKind,
  type DocumentVerdict,
} from './check-document.js';
export { isUnknownField, type SplitViolations, splitUnknownFields } from './closed-world.js';
export { ContractValidator } from './contract-validator.js';
export { SchemaPreparer } from './dispatch.js';
export { type DetectedError, detectErrorEnvelope, type ErrorEnvelopeKind } from './envelope.js';
export { coerceFormValue, propertySchemas } from './form-coercion.js';
export { escapePointerToken, valueAtPointer } from './json-pointer.js';
export { essence, matchMediaType } from './media-type.js';
export { type RequestParts, validateRequest } from './request-validator.js';
export { SchemaValidator, ValidatorFactory } from './schema-validator.js';
export { VALID, type ValidationResult, type Violation } from './violation.js';
