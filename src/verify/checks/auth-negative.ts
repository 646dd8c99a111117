import { detectErrorEnvelope } from '../../validation/envelope.js';
import type { FindingDraft } from '../finding.js';
import type { ExchangeCheck, ExchangeContext, Purpose } from './types.js';
import { hasJson } from './types.js';

/**
 * The shared rule of the auth negatives: the answer carries `code` (as the HTTP status, or in an
 * error envelope under any status). Data without an envelope is a security finding. POST
 * operations list an empty security alternative in the spec: it is the token in the form body, not
 * anonymous access, so a POST without any token must still be refused with 499.
 */
function authNegative(name: string, purpose: Purpose, code: number, what: string): ExchangeCheck {
  return {
    name,
    description: `${what} -> ${code}`,
    scope: 'exchange',
    appliesTo: (context: ExchangeContext) => context.purpose === purpose && hasJson(context),
    run({ exchange }): FindingDraft[] {
      const status = exchange.response!.status;
      const envelope = detectErrorEnvelope(exchange.json);
      if (status === code || envelope?.code === code) return [];
      if (!envelope && status >= 200 && status < 300) {
        return [
          {
            severity: 'security',
            message: `${what}, and the resource answered anyway (HTTP ${status})`,
            expected: code,
            actual: status,
          },
        ];
      }
      const got = envelope?.code ?? status;
      return [
        {
          message: `${what}: expected code ${code}, got ${got}${envelope ? ` (${envelope.messages.join(' ')})` : ''}`,
          expected: code,
          actual: got,
        },
      ];
    },
  };
}

export const authRequiredCheck = authNegative('auth-required', 'no-token', 499, 'no token sent');
export const authInvalidCheck = authNegative('auth-invalid', 'bad-token', 498, 'an invalid token sent');
