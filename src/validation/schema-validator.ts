import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../contract/model.js';
import { createAjv } from './ajv-instance.js';
import { toViolations } from './diagnostics.js';
import type { SchemaObject } from './schema-keywords.js';
import { SharedSchemas } from './shared-schemas.js';
import { VALID, type ValidationResult } from './violation.js';

/**
 * One schema, compiled once: a fast validator (stops at the first error) for the common case that
 * the value is valid, and a verbose all-errors validator, compiled only when a value fails, for
 * the diagnostics.
 */
export class SchemaValidator {
  private detailed: ValidateFunction | undefined;

  constructor(
    private readonly prepared: JsonSchema,
    private readonly fast: ValidateFunction,
    private readonly detailedAjv: () => Ajv2020,
  ) {}

  /** True when the value is valid; the cheapest check. */
  isValid(value: unknown): boolean {
    return this.fast(value) as boolean;
  }

  validate(value: unknown): ValidationResult {
    if (this.fast(value)) return VALID;
    this.detailed ??= this.detailedAjv().compile(this.prepared as object);
    this.detailed(value);
    const violations = toViolations(this.detailed.errors ?? [], this.prepared, value);
    return { valid: false, violations };
  }
}

/**
 * Compiles prepared schemas into SchemaValidators, each schema object once; the schemas marked
 * `share`d are compiled once in all (see SharedSchemas).
 */
export class ValidatorFactory {
  /** The first-error Ajv, made when the first schema is compiled. */
  private fast: Ajv2020 | undefined;
  private readonly fastAjv = (): Ajv2020 => {
    this.fast ??= createAjv({ detailed: false, source: this.options.source ?? false });
    return this.fast;
  };
  /** The all-errors Ajv, made when a value first fails (most runs never need it). */
  private detailed: Ajv2020 | undefined;
  private readonly detailedAjv = (): Ajv2020 => {
    this.detailed ??= createAjv({ detailed: true });
    return this.detailed;
  };
  private readonly shared: SharedSchemas;
  private readonly cache = new WeakMap<object, SchemaValidator>();
  private readonly booleans = new Map<boolean, SchemaValidator>();

  /**
   * `source`: the fast validators keep their code, under ids that are their content's digests, for
   * `standaloneCode` (at build time: one factory compiles the answers of every release).
   */
  constructor(private readonly options: { source?: boolean } = {}) {
    this.shared = new SharedSchemas(this.fastAjv, options.source ?? false);
  }

  /** Prepared schemas that others hold (the contract's components): compiled once, called by reference. */
  share(prepared: Iterable<JsonSchema>): void {
    this.shared.share(prepared);
  }

  /** A SchemaValidator whose fast validator was compiled beforehand (`prebuilt.ts`); the detailed one compiles `prepared`. */
  validatorWith(prepared: JsonSchema, fast: ValidateFunction): SchemaValidator {
    return new SchemaValidator(prepared, fast, this.detailedAjv);
  }

  /** The id `prepared`'s fast validator is compiled under, for `standaloneCode` (a source factory). */
  registeredId(prepared: SchemaObject): string {
    return this.shared.registeredId(prepared);
  }

  /** The code of the fast validators of these ids (`registeredId`) as one ES module exporting each by its name. */
  standaloneCode(exports: Readonly<Record<string, string>>): string {
    const standalone = createRequire(import.meta.url)('ajv/dist/standalone') as {
      default: (ajv: Ajv2020, refs: Readonly<Record<string, string>>) => string;
    };
    return standalone.default(this.fastAjv(), exports);
  }

  validatorFor(prepared: JsonSchema): SchemaValidator {
    if (typeof prepared === 'boolean') {
      let found = this.booleans.get(prepared);
      if (!found) {
        found = new SchemaValidator(prepared, this.fastAjv().compile(prepared), this.detailedAjv);
        this.booleans.set(prepared, found);
      }
      return found;
    }
    let found = this.cache.get(prepared);
    if (!found) {
      found = new SchemaValidator(prepared, this.shared.compile(prepared), this.detailedAjv);
      this.cache.set(prepared, found);
    }
    return found;
  }
}
