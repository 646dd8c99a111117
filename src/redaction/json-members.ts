import { isStoredPasscode } from '../domain/passcode.js';
import { isSecretField, SECRET_FIELDS } from '../domain/secrets.js';
import { looksLikeJsonText } from '../input/index.js';
import { MASK, OUTPUT_MASKS } from './masks.js';
import { eachString, walkJson } from './walk.js';

// Secret members masked without a Redactor, for the journal's hot path; they read as the journal's masks.
const STORED = OUTPUT_MASKS.journal.storedPasscode;
const maskFor = (value: unknown) => (typeof value === 'string' && isStoredPasscode(value) ? STORED : MASK);
const isMask = (value: unknown) => value === MASK || value === STORED;

// A cheap gate: JSON text that names no secret and has no \u escape (which could spell one) is left as is.
const MAY_HOLD_SECRET = new RegExp(`${SECRET_FIELDS.join('|')}|\\\\u`, 'i');
// `"passcode": "..."` (any case, any spacing) and its value: a JSON string or a bare scalar.
const SECRET_MEMBER = new RegExp(
  `("(?:${SECRET_FIELDS.join('|')})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|[^,}\\]\\s]+)`,
  'gi',
);

// JSON literals a secret member may hold that are no secret to mask elsewhere.
const NOT_SECRETS = new Set(['null', 'true', 'false']);

function plain(jsonValue: string): string {
  try {
    const value: unknown = JSON.parse(jsonValue);
    return typeof value === 'string' ? value : jsonValue;
  } catch {
    return jsonValue;
  }
}

/** A secret's value worth masking elsewhere: not empty, not a mask, not a stored (encrypted) passcode. */
function isFound(value: string): boolean {
  return value !== '' && !isMask(value) && !NOT_SECRETS.has(value) && !isStoredPasscode(value);
}

function hasUnmaskedSecret(value: unknown): boolean {
  let unmasked = false;
  eachString(value, (text, key) => {
    if (key !== undefined && isSecretField(key) ? !isMask(text) : looksLikeJsonText(text) && MAY_HOLD_SECRET.test(text))
      unmasked = true;
  });
  return unmasked;
}

/**
 * A deep copy of a JSON-like value with every secret member (`token`, `password`, `passcode`, any
 * case, at any depth up to MAX_WALK_DEPTH) replaced by `********` (a stored passcode by
 * `{crypt}********`); string values that are JSON text are masked the same way. The secrets it took
 * out are pushed to `found`, so that copies elsewhere can be masked too.
 *
 * @example
 * maskSecretMembers({ name: 'nightly', passcode: 'hunter22' }); // { name: 'nightly', passcode: '********' }
 */
export function maskSecretMembers<T>(value: T, found: string[] = []): T {
  return walkJson(value, {
    key: (name) => name,
    text: (text, key) => {
      if (key !== undefined && isSecretField(key)) {
        if (isFound(text)) found.push(text);
        return text === '' ? text : maskFor(text);
      }
      return looksLikeJsonText(text) ? maskSecretsInJsonText(text, found) : text;
    },
    scalar: (scalar, key) => {
      if (key === undefined || !isSecretField(key) || typeof scalar !== 'number') return scalar;
      found.push(String(scalar));
      return MASK;
    },
  }) as T;
}

/**
 * JSON text (a form field such as createTask's `parameters`) with every secret member's value
 * replaced by `"********"`. The text keeps its layout; text that is not valid JSON is masked member
 * by member all the same, and valid JSON that still hides a secret after that (a key spelt with
 * `\u` escapes, JSON inside a string) is parsed, masked and written again.
 *
 * @example
 * maskSecretsInJsonText('{"name":"nightly","passcode":"hunter22"}'); // '{"name":"nightly","passcode":"********"}'
 */
export function maskSecretsInJsonText(text: string, found: string[] = []): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  const masked = text.replace(SECRET_MEMBER, (_member, key: string, value: string) => {
    const secret = plain(value);
    if (isFound(secret)) found.push(secret);
    return `${key}${JSON.stringify(secret === '' ? '' : maskFor(secret))}`;
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(masked);
  } catch {
    return masked;
  }
  if (!hasUnmaskedSecret(parsed)) return masked;
  try {
    return JSON.stringify(maskSecretMembers(parsed, found));
  } catch {
    return masked; // too deep to write back
  }
}
