/** One way a value breaks the contract, as data a person (or a report) can act on. */
export interface Violation {
  /** JSON pointer into the validated value, "" for the value itself. */
  readonly pointer: string;
  /** The JSON Schema keyword that failed, or `status` / `mediaType` for response-level mismatches. */
  readonly keyword: string;
  /** One line: where, what was expected, what came, and which variant was checked. */
  readonly message: string;
  readonly expected: unknown;
  readonly actual: unknown;
  /** The union variant (schema title) the value was checked against, when one was chosen. */
  readonly variant?: string;
  /** Where in the (prepared) schema the rule lives. */
  readonly schemaPath?: string;
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly violations: readonly Violation[];
}

export const VALID: ValidationResult = Object.freeze({ valid: true, violations: Object.freeze([]) });
