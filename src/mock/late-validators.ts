import type { ContractValidator } from '../validation/contract-validator.js';
import { compileFormValidators, type FormValidators } from './form-input.js';

/**
 * The form validators, compiled when the first request with a form (a POST) arrives: Ajv takes
 * about half a second to load and compile, and reads, control calls and refusals never need it, so
 * a fresh mock answers them at once. The pipeline waits for `ready()` before it reads a form.
 */
export class LateFormValidators {
  private compiledValidators: FormValidators | undefined;
  private loading: Promise<FormValidators> | undefined;
  /** What handlers hold: each field is the compiled one (read only once `ready()` has resolved). */
  readonly view: FormValidators;

  constructor(contractValidator: () => Promise<ContractValidator>) {
    const late = this;
    this.load = () => contractValidator().then((validator) => compileFormValidators(validator));
    this.view = {
      get contract() {
        return late.get().contract;
      },
      get createBackupParameters() {
        return late.get().createBackupParameters;
      },
      get healthCheckParameters() {
        return late.get().healthCheckParameters;
      },
      get task() {
        return late.get().task;
      },
      get run() {
        return late.get().run;
      },
    };
  }

  private readonly load: () => Promise<FormValidators>;

  /** True once `ready()` has resolved. */
  get compiled(): boolean {
    return this.compiledValidators !== undefined;
  }

  /** Undefined once compiled (nothing to wait for); else resolves when they are. */
  ready(): Promise<FormValidators> | undefined {
    if (this.compiledValidators) return undefined;
    this.loading ??= this.load().then(
      (compiled) => {
        this.compiledValidators = compiled;
        return compiled;
      },
      (error: unknown) => {
        this.loading = undefined; // the next form tries again
        throw error;
      },
    );
    return this.loading;
  }

  private get(): FormValidators {
    if (!this.compiledValidators) throw new Error('The form validators were read before they were compiled.');
    return this.compiledValidators;
  }
}
