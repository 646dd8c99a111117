import { isStoredPasscode } from '../../domain/passcode.js';
import { escapePointerToken } from '../../validation/json-pointer.js';
import type { FindingDraft } from '../finding.js';
import type { ExchangeCheck } from './types.js';

/** Every plaintext `passcode` in a JSON value, with its pointer. */
function plaintextPasscodes(value: unknown, pointer = ''): { pointer: string; value: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => plaintextPasscodes(item, `${pointer}/${index}`));
  if (value === null || typeof value !== 'object') return [];
  const found: { pointer: string; value: string }[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const at = `${pointer}/${escapePointerToken(key)}`;
    if (key === 'passcode' && typeof inner === 'string' && inner !== '' && !isStoredPasscode(inner))
      found.push({ pointer: at, value: inner });
    else found.push(...plaintextPasscodes(inner, at));
  }
  return found;
}

/**
 * A plaintext CreateBackup passcode in any answer is a security finding, and so is a secret the
 * run sent (a probe's passcode) coming back anywhere, HTML included. The finding never holds the
 * passcode: only its length.
 */
export const secretsCheck: ExchangeCheck = {
  name: 'secrets',
  description: 'no plaintext passcode in any answer',
  scope: 'exchange',
  appliesTo: (context) => context.exchange.response !== undefined && context.format !== 'pjson',
  run({ exchange, sentSecrets, onSecret }) {
    const drafts: FindingDraft[] = [];
    for (const leak of plaintextPasscodes(exchange.json)) {
      onSecret(leak.value);
      drafts.push({
        severity: 'security',
        pointer: leak.pointer,
        message: `a plaintext passcode (${leak.value.length} characters) is in the answer; servers must store and return it encrypted`,
        expected: '{crypt} followed by base64',
        actual: `(plaintext, ${leak.value.length} characters, not shown)`,
      });
    }
    const text = exchange.response!.text;
    for (const secret of sentSecrets) {
      if (secret && text.includes(secret) && drafts.length === 0) {
        drafts.push({
          severity: 'security',
          message: 'the passcode this run sent came back in the answer',
          expected: 'the passcode nowhere in the answer',
          actual: '(the plaintext passcode, not shown)',
        });
      }
    }
    return drafts;
  },
};
