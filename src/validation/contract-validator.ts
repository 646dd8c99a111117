import type { ContractModel, JsonSchema, OperationModel, ResponseModel } from '../contract/model.js';
import { rawDocument } from '../contract/raw-document.js';
import { type SplitViolations, splitUnknownFields } from './closed-world.js';
import { SchemaPreparer } from './dispatch.js';
import { matchMediaType } from './media-type.js';
import { loadPrebuiltValidators, type PrebuiltValidators, responseKey } from './prebuilt.js';
import { type RequestParts, validateRequest } from './request-validator.js';
import { isSchemaObject, type SchemaObject } from './schema-keywords.js';
import { type SchemaValidator, ValidatorFactory } from './schema-validator.js';
import { VALID, type ValidationResult, type Violation } from './violation.js';

function failure(violation: Violation): ValidationResult {
  return { valid: false, violations: [violation] };
}

/**
 * Validates values against one contract. Every schema is prepared (discriminator dispatch) and
 * compiled once, on first use, and cached for the life of the validator.
 *
 * @example
 * const validator = new ContractValidator(await loadContract());
 * const result = validator.validateResponse(getTask, 200, 'application/json', body);
 * if (!result.valid) console.log(result.violations.map((v) => v.message).join('\n'));
 */
export class ContractValidator {
  private static readonly shared = new WeakMap<ContractModel, ContractValidator>();
  private readonly preparer: SchemaPreparer;
  /** Prepares schemas open to unknown fields: made when a value first fails (see `splitResponse`). */
  private openPrepared: SchemaPreparer | undefined;
  private readonly factory: ValidatorFactory;
  /** The closed validator of each schema object asked for (see `forSchema`). */
  private readonly closed = new WeakMap<object, SchemaValidator>();
  /** The answers' fast validators the build wrote as code, once loaded (`loadPrebuilt`). */
  private prebuilt: PrebuiltValidators = new Map();
  private prebuiltLoad: Promise<void> | undefined;
  private readonly prebuiltValidators = new Map<string, SchemaValidator>();

  /**
   * The validator of a contract model, one per model: every verify run and mock server of a
   * process that loaded the same contract reuses its compiled schemas (compiling is most of the
   * cost of a validator; it holds no other state).
   */
  static for(contract: ContractModel): ContractValidator {
    let validator = ContractValidator.shared.get(contract);
    if (!validator) {
      validator = new ContractValidator(contract);
      ContractValidator.shared.set(contract, validator);
    }
    return validator;
  }

  /** `factory`: one shared with other validators (`prebuild.ts` compiles every release's answers in one). */
  constructor(
    readonly contract: ContractModel,
    options: { factory?: ValidatorFactory } = {},
  ) {
    this.factory = options.factory ?? new ValidatorFactory();
    this.preparer = this.sharingPreparer({});
  }

  /**
   * Loads the answers' fast validators the build wrote as code for this contract, when it did (the
   * bundled spec as of each release: `prebuilt.ts`); the others still compile on first use.
   */
  loadPrebuilt(): Promise<void> {
    this.prebuiltLoad ??= loadPrebuiltValidators(this.contract).then((found) => {
      if (found) this.prebuilt = found;
    });
    return this.prebuiltLoad;
  }

  /** Every answer's prepared schema, by `responseKey` (for `prebuild.ts`). */
  answerSchemas(): Map<string, SchemaObject> {
    const schemas = new Map<string, SchemaObject>();
    for (const operation of this.contract.operations)
      for (const response of operation.responses.values())
        for (const [mediaType, { schema }] of response.content) {
          const prepared = schema === undefined ? undefined : this.preparer.prepare(schema);
          if (isSchemaObject(prepared))
            schemas.set(responseKey(operation.operationId, response.status, mediaType), prepared);
        }
    return schemas;
  }

  /** A preparer whose prepared components the factory compiles once each (see SharedSchemas). */
  private sharingPreparer(options: { open?: boolean }): SchemaPreparer {
    const preparer = new SchemaPreparer(rawDocument(this.contract), options);
    this.factory.share([...this.contract.schemas.values()].map((schema) => preparer.prepare(schema)));
    return preparer;
  }

  private get openPreparer(): SchemaPreparer {
    this.openPrepared ??= this.sharingPreparer({ open: true });
    return this.openPrepared;
  }

  /**
   * A compiled validator for any schema of this contract (dereferenced). With `open`, objects accept
   * fields the contract does not know (every other rule holds).
   */
  forSchema(schema: JsonSchema, options?: { open?: boolean }): SchemaValidator {
    if (options?.open) return this.factory.validatorFor(this.openPreparer.prepare(schema));
    if (typeof schema !== 'object' || schema === null) return this.factory.validatorFor(this.preparer.prepare(schema));
    // one lookup where preparing and compiling look up twice: request checks ask per request and parameter
    let found = this.closed.get(schema);
    if (!found) {
      found = this.factory.validatorFor(this.preparer.prepare(schema));
      this.closed.set(schema, found);
    }
    return found;
  }

  /** A compiled validator for `components.schemas[name]`, e.g. `Task`, `Run`, `ArcGISError`. */
  forComponent(name: string, options: { open?: boolean } = {}): SchemaValidator {
    const schema = this.contract.schemas.get(name);
    if (schema === undefined) throw new Error(`the contract has no schema named ${name}`);
    return this.forSchema(schema, options);
  }

  /**
   * A value's violations of `components.schemas[name]`, fields the contract does not know apart
   * from every other violation (see `splitUnknownFields`).
   *
   * @example validator.splitComponent('Task', task).unknownFields.map((v) => v.pointer) // ['/newField']
   */
  splitComponent(name: string, value: unknown): SplitViolations {
    return splitUnknownFields(this.forComponent(name).validate(value), () =>
      this.forComponent(name, { open: true }).validate(value),
    );
  }

  /** Checks a request's parameters and body against the operation (see `validateRequest`). */
  validateRequest(operation: OperationModel, request: RequestParts): ValidationResult {
    return validateRequest(this, operation, request);
  }

  /** The response the spec documents for this status: exact code, then `4XX`-style range, then `default`. */
  responseFor(operation: OperationModel, status: number | string): ResponseModel | undefined {
    const code = String(status);
    return (
      operation.responses.get(code) ??
      operation.responses.get(`${code[0]}XX`) ??
      operation.responses.get(`${code[0]}xx`) ??
      operation.responses.get('default')
    );
  }

  /**
   * Compiles now the validators of these operations' JSON answers to `status` (default 200), as
   * `validateResponse` would on first use: verify does it while its first big answer is on its way.
   */
  compileResponses(operations: Iterable<OperationModel>, status = 200): void {
    for (const operation of operations) {
      const response = this.responseFor(operation, status);
      const declared = response && matchMediaType(response.content.keys(), 'application/json');
      const schema = declared ? response.content.get(declared)?.schema : undefined;
      if (declared && schema !== undefined) this.responseValidator(operation, response, declared, schema, false);
    }
  }

  /**
   * Checks a response against the operation: the status must be documented, the media type
   * declared for it, and the body valid against its schema. Violations come back as data.
   */
  validateResponse(
    operation: OperationModel,
    status: number | string,
    mediaType: string,
    body: unknown,
    options: { open?: boolean } = {},
  ): ValidationResult {
    const response = this.responseFor(operation, status);
    if (!response) {
      const documented = [...operation.responses.keys()];
      return failure({
        pointer: '',
        keyword: 'status',
        message: `status ${status} is not documented for ${operation.operationId} (documented: ${documented.join(', ')})`,
        expected: documented,
        actual: status,
      });
    }
    if (response.content.size === 0) return VALID;
    const declared = matchMediaType(response.content.keys(), mediaType);
    if (!declared) {
      const documented = [...response.content.keys()];
      return failure({
        pointer: '',
        keyword: 'mediaType',
        message: `media type ${mediaType || '(none)'} is not documented for ${operation.operationId} ${response.status} (documented: ${documented.join(', ')})`,
        expected: documented,
        actual: mediaType,
      });
    }
    const schema = response.content.get(declared)?.schema;
    return schema === undefined
      ? VALID
      : this.responseValidator(operation, response, declared, schema, options.open ?? false).validate(body);
  }

  /** An answer's validator: its fast one from the build when there is one (`loadPrebuilt`), else compiled. */
  private responseValidator(
    operation: OperationModel,
    response: ResponseModel,
    mediaType: string,
    schema: JsonSchema,
    open: boolean,
  ): SchemaValidator {
    const key = responseKey(operation.operationId, response.status, mediaType);
    const fast = open ? undefined : this.prebuilt.get(key);
    if (fast === undefined) return this.forSchema(schema, { open });
    let found = this.prebuiltValidators.get(key);
    if (!found) {
      found = this.factory.validatorWith(this.preparer.prepare(schema), fast);
      this.prebuiltValidators.set(key, found);
    }
    return found;
  }

  /**
   * `validateResponse`, with fields the contract does not know apart from every other violation:
   * what verify reports as warnings (a newer release?) unless it runs `--strict`.
   */
  splitResponse(operation: OperationModel, status: number | string, mediaType: string, body: unknown): SplitViolations {
    return splitUnknownFields(this.validateResponse(operation, status, mediaType, body), () =>
      this.validateResponse(operation, status, mediaType, body, { open: true }),
    );
  }
}
