import { detectErrorEnvelope } from '../../validation/envelope.js';
import { valueAtPointer } from '../../validation/json-pointer.js';
import type { FindingDraft } from '../finding.js';
import type { ExchangeCheck } from './types.js';
import { hasJson } from './types.js';

/**
 * With --allow-writes: a read after a write shows the write (disable -> paused, an edited title),
 * and a deleted task is gone (404, as HTTP status or in an envelope).
 */
export const writeEffectCheck: ExchangeCheck = {
  name: 'write-effect',
  description: 'a write shows in the next read; a deleted task is gone',
  scope: 'exchange',
  // a read-back that failed is http-status's or error-envelope's to report: it shows nothing of the write
  appliesTo: (context) =>
    hasJson(context) &&
    (context.purpose === 'gone' ||
      (context.purpose === 'read-back' &&
        context.exchange.response!.status === 200 &&
        !detectErrorEnvelope(context.exchange.json))),
  run({ exchange, purpose, expect }) {
    const body = exchange.json;
    if (purpose === 'gone') {
      const code = detectErrorEnvelope(body)?.code ?? exchange.response!.status;
      return code === 404
        ? []
        : [{ message: `a deleted task is still readable (code ${code})`, expected: 404, actual: code }];
    }
    const drafts: FindingDraft[] = [];
    for (const [pointer, wanted] of Object.entries(expect ?? {})) {
      const actual = valueAtPointer(body, pointer);
      if (!Object.is(actual, wanted))
        drafts.push({
          pointer,
          message: `after the write, ${pointer} is ${JSON.stringify(actual)}`,
          expected: wanted,
          actual: actual ?? null,
        });
    }
    return drafts;
  },
};
