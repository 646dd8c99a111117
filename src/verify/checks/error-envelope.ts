import { detectErrorEnvelope } from '../../validation/envelope.js';
import type { ExchangeCheck } from './types.js';
import { hasJson } from './types.js';

const JUDGED = new Set(['read', 'write', 'read-back']);

/**
 * An ArcGIS error envelope under HTTP 2xx is an error, not a pass: ArcGIS servers send most errors
 * with HTTP 200, so a status check alone would miss them. (Non-2xx answers are http-status's.)
 */
export const errorEnvelopeCheck: ExchangeCheck = {
  name: 'error-envelope',
  description: 'a 200 answer is not an ArcGIS error envelope',
  scope: 'exchange',
  appliesTo: (context) =>
    JUDGED.has(context.purpose) && hasJson(context) && Math.floor(context.exchange.response!.status / 100) === 2,
  run({ exchange, operation }) {
    const envelope = detectErrorEnvelope(exchange.json);
    if (!envelope) return [];
    const text = envelope.messages.join(' ') || '(no message)';
    return [
      {
        pointer: envelope.kind === 'portal' ? '/error' : '',
        message: `an ArcGIS error (${envelope.kind} envelope, code ${envelope.code ?? 'none'}) under HTTP ${exchange.response!.status}: ${text}`,
        expected: `the ${operation.operationId} result`,
        actual: { code: envelope.code ?? null, messages: envelope.messages },
      },
    ];
  },
};
