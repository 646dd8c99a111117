import type { Violation } from '../../validation/violation.js';
import type { FindingDraft } from '../finding.js';
import type { ExchangeCheck } from './types.js';
import { hasJson } from './types.js';

// what a site answers to a read, a write and a read-back, write cases' accepted creates and their reads included
const JUDGED = new Set(['read', 'write', 'read-back', 'accept', 'accept-read']);
/** Status and media type have checks of their own. */
const NOT_SCHEMA = new Set(['status', 'mediaType']);
const MAX_PER_RESPONSE = 25;

function draft(violation: Violation): FindingDraft {
  return {
    pointer: violation.pointer,
    message: violation.message,
    expected: violation.expected,
    actual: violation.actual,
  };
}

/**
 * A field the contract does not know. Task variants are closed, so a newer release that adds a
 * field would fail every task: by default that is a warning (a newer release?), under `--strict`
 * an error like any other violation.
 */
function unknownField(violation: Violation, severity: 'warning' | 'error'): FindingDraft {
  return {
    severity,
    pointer: violation.pointer,
    message: `field ${violation.pointer || '(root)'} is not in the contract (a newer release?)${violation.variant ? ` [variant ${violation.variant}]` : ''}`,
    expected: 'a field the contract documents',
    actual: violation.actual,
  };
}

/**
 * The body validates against the response schema the contract documents for its status. Fields the
 * contract does not know are warnings unless the run is strict; every other violation is an error.
 */
export const responseSchemaCheck: ExchangeCheck = {
  name: 'response-schema',
  description: 'the body validates against the documented response schema (Ajv); unknown fields warn',
  scope: 'exchange',
  // f=pjson is compared to f=json by pjson-equals-json, so its body is not validated twice
  appliesTo: (context) => JUDGED.has(context.purpose) && context.format === 'json' && hasJson(context),
  run({ exchange, operation, validator, unknownFields }) {
    const { unknownFields: unknown, violations } = validator.splitResponse(
      operation,
      exchange.response!.status,
      'application/json',
      exchange.json,
    );
    const drafts: FindingDraft[] = [
      ...violations.filter((violation) => !NOT_SCHEMA.has(violation.keyword)).map(draft),
      ...unknown.map((violation) => unknownField(violation, unknownFields ?? 'warning')),
    ];
    if (drafts.length <= MAX_PER_RESPONSE) return drafts;
    return [
      ...drafts.slice(0, MAX_PER_RESPONSE),
      {
        severity: drafts.slice(MAX_PER_RESPONSE).some((d) => d.severity !== 'warning') ? 'error' : 'warning',
        message: `${drafts.length - MAX_PER_RESPONSE} more schema violations in this response`,
        expected: 0,
        actual: drafts.length - MAX_PER_RESPONSE,
      },
    ];
  },
};
