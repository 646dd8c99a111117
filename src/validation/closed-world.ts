import type { ValidationResult, Violation } from './violation.js';

/** Keywords whose violations mean "a field the contract does not know". */
const UNKNOWN_FIELD_KEYWORDS = new Set(['additionalProperties', 'unevaluatedProperties']);

/** True for a violation that names a field the contract does not know. */
export function isUnknownField(violation: Violation): boolean {
  return UNKNOWN_FIELD_KEYWORDS.has(violation.keyword);
}

/** A value's violations, split into fields the contract does not know and everything else. */
export interface SplitViolations {
  /** Fields the contract does not know (a newer release may have added them). */
  readonly unknownFields: readonly Violation[];
  /** Every other violation: a wrong type, a missing field, a value the contract does not allow. */
  readonly violations: readonly Violation[];
}

const NONE: SplitViolations = Object.freeze({ unknownFields: Object.freeze([]), violations: Object.freeze([]) });

/**
 * Splits a value's violations of a closed contract (`unevaluatedProperties: false`) into unknown
 * fields and the rest. `closed` is the verdict of the contract as written; `open` (called only when
 * that fails) the verdict of the same contract with its objects opened. What the open contract still
 * rejects is a real violation; the unknown fields come from the closed verdict. When the open
 * contract accepts the value, every closed violation was caused by unknown fields (a `oneOf` that
 * failed only because a variant was closed, say), so they all count as such.
 *
 * @example
 * splitUnknownFields(strict.validate(task), () => open.validate(task)).unknownFields[0].pointer // '/newField'
 */
export function splitUnknownFields(closed: ValidationResult, open: () => ValidationResult): SplitViolations {
  if (closed.valid) return NONE;
  const opened = open();
  const unknown = closed.violations.filter(isUnknownField);
  if (opened.valid) return { unknownFields: unknown.length > 0 ? unknown : closed.violations, violations: [] };
  return { unknownFields: unknown, violations: opened.violations };
}
