import { isStoredPasscode } from '../../domain/passcode.js';
import { MAX_WALK_DEPTH } from '../../input/index.js';
import { holdsSecret } from '../../redaction/index.js';
import { pointerFromTokens } from '../../validation/json-pointer.js';
import type { FindingDraft } from '../finding.js';
import type { ExchangeCheck } from './types.js';

/** Every plaintext `passcode` in a JSON value, with its pointer. */
function plaintextPasscodes(value: unknown, pointer = ''): { pointer: string; value: string }[] {
  const found: { pointer: string; value: string }[] = [];
  // every answer goes through here: the path is kept as tokens and made a pointer only for a find
  const walk = (node: unknown, path: string[]): void => {
    // bounded like the redaction walk: a hostile answer nested thousands deep cannot overflow the stack
    if (node === null || typeof node !== 'object' || path.length >= MAX_WALK_DEPTH) return;
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        path.push(String(index));
        walk(node[index], path);
        path.pop();
      }
      return;
    }
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      const inner = (node as Record<string, unknown>)[key];
      path.push(key);
      if (key === 'passcode' && typeof inner === 'string' && inner !== '' && !isStoredPasscode(inner))
        found.push({ pointer: pointer + pointerFromTokens(path), value: inner });
      else walk(inner, path);
      path.pop();
    }
  };
  walk(value, []);
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
    // raw, or in any encoding of SECRET_ENCODINGS (an HTML page escapes it, a JSON answer \u-escapes it)
    if (drafts.length === 0 && holdsSecret(exchange.response!.text, sentSecrets))
      drafts.push({
        severity: 'security',
        message: 'the passcode this run sent came back in the answer',
        expected: 'the passcode nowhere in the answer',
        actual: '(the plaintext passcode, not shown)',
      });
    return drafts;
  },
};
