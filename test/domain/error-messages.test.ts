import { describe, expect, it } from '@jest/globals';
import { loadContractCached } from '../../src/contract/index.js';
import { ERROR_MESSAGES, errorMessageOf } from '../../src/domain/error-messages.js';
import { generateErrorEnvelope } from '../../src/fixtures/errors.js';
import { failure, toEnvelope } from '../../src/mock/failure.js';

const contract = await loadContractCached();

/** Every error envelope among the spec's examples, as [code, message]. */
function specErrors(): [number, string][] {
  const found: [number, string][] = [];
  for (const operation of contract.operations)
    for (const response of operation.responses.values())
      for (const media of response.content.values())
        for (const value of media.examples.values()) {
          const portal = (value as { error?: { code?: number; message?: string } }).error;
          const admin = value as { status?: string; code?: number; messages?: string[] };
          if (portal?.code !== undefined && portal.message) found.push([portal.code, portal.message]);
          else if (admin.status === 'error' && admin.code !== undefined && admin.messages?.[0])
            found.push([admin.code, admin.messages[0]]);
        }
  return found;
}

describe('error messages (one table)', () => {
  it("holds the spec's texts for every code the spec writes generically", () => {
    const generic = specErrors().filter(([code]) => [403, 498, 499, 500].includes(code));
    expect(new Set(generic.map(([code]) => code))).toEqual(new Set([403, 498, 499, 500]));
    for (const [code, message] of generic) expect([code, message]).toEqual([code, errorMessageOf(code)]);
  });

  it('is what the mock and the fixtures both send', () => {
    for (const code of [400, 403, 404, 498, 499, 500] as const) {
      expect(generateErrorEnvelope(code, 'portal')).toEqual({
        error: { code, message: ERROR_MESSAGES[code], details: [] },
      });
      expect(toEnvelope(failure(code))).toEqual({ error: { code, message: ERROR_MESSAGES[code], details: [] } });
    }
  });
});
