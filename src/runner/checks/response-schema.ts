import type { FindingDraft } from '../finding.js';
import type { ExchangeCheck } from './types.js';
import { hasJson } from './types.js';

const JUDGED = new Set(['read', 'write', 'read-back']);
/** Status and media type have checks of their own. */
const NOT_SCHEMA = new Set(['status', 'mediaType']);
const MAX_PER_RESPONSE = 25;

/** The body validates against the response schema the contract documents for its status. */
export const responseSchemaCheck: ExchangeCheck = {
  name: 'response-schema',
  description: 'the body validates against the documented response schema (Ajv)',
  scope: 'exchange',
  // f=pjson is compared to f=json by pjson-equals-json, so its body is not validated twice
  appliesTo: (context) => JUDGED.has(context.purpose) && context.format === 'json' && hasJson(context),
  run({ exchange, operation, validator }) {
    const result = validator.validateResponse(operation, exchange.response!.status, 'application/json', exchange.json);
    if (result.valid) return [];
    const drafts: FindingDraft[] = result.violations
      .filter((violation) => !NOT_SCHEMA.has(violation.keyword))
      .map((violation) => ({
        pointer: violation.pointer,
        message: violation.message,
        expected: violation.expected,
        actual: violation.actual,
      }));
    if (drafts.length <= MAX_PER_RESPONSE) return drafts;
    return [
      ...drafts.slice(0, MAX_PER_RESPONSE),
      {
        message: `${drafts.length - MAX_PER_RESPONSE} more schema violations in this response`,
        expected: 0,
        actual: drafts.length - MAX_PER_RESPONSE,
      },
    ];
  },
};
