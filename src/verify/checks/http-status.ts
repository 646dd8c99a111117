import { detectErrorEnvelope } from '../../validation/envelope.js';
import type { ExchangeCheck } from './types.js';

const JUDGED = new Set(['read', 'html', 'write', 'read-back']);

/** Reads and writes answer HTTP 200; anything else is reported with the envelope's message, when there is one. */
export const httpStatusCheck: ExchangeCheck = {
  name: 'http-status',
  description: 'reads and writes answer HTTP 200',
  scope: 'exchange',
  appliesTo: (context) => JUDGED.has(context.purpose) && context.exchange.response !== undefined,
  run({ exchange }) {
    const status = exchange.response!.status;
    if (status === 200) return [];
    const envelope = detectErrorEnvelope(exchange.json);
    const reason = envelope ? `: ${envelope.messages.join(' ') || `error code ${envelope.code}`}` : '';
    return [{ message: `HTTP ${status} instead of 200${reason}`, expected: 200, actual: status }];
  },
};
