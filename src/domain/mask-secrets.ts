import { isSecretField, MASK, SECRET_FIELDS } from './secrets.js';

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

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

function hasUnmaskedSecret(value: unknown): boolean {
  if (typeof value === 'string') return looksLikeJson(value) && MAY_HOLD_SECRET.test(value);
  if (Array.isArray(value)) return value.some(hasUnmaskedSecret);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, inner]) =>
      isSecretField(key) ? inner !== MASK : hasUnmaskedSecret(inner),
    );
  }
  return false;
}

/**
 * A deep copy of a JSON-like value with every secret member (`token`, `password`, `passcode`, any
 * case, at any depth) replaced by `********`; string values that are JSON text are masked the same
 * way. The secrets it took out are pushed to `found`, so that copies elsewhere can be masked too.
 *
 * @example
 * maskSecretMembers({ name: 'nightly', passcode: 'hunter22' }); // { name: 'nightly', passcode: '********' }
 */
export function maskSecretMembers<T>(value: T, found: string[] = []): T {
  if (typeof value === 'string') return (looksLikeJson(value) ? maskSecretsInJsonText(value, found) : value) as T;
  if (Array.isArray(value)) return value.map((item) => maskSecretMembers(item, found)) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (isSecretField(key)) {
        if (typeof inner === 'string' ? inner !== MASK && inner !== '' : typeof inner === 'number')
          found.push(String(inner));
        copy[key] = MASK;
      } else {
        copy[key] = maskSecretMembers(inner, found);
      }
    }
    return copy as T;
  }
  return value;
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
    if (secret !== MASK && secret !== '' && !NOT_SECRETS.has(secret)) found.push(secret);
    return `${key}"${MASK}"`;
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(masked);
  } catch {
    return masked;
  }
  return hasUnmaskedSecret(parsed) ? JSON.stringify(maskSecretMembers(parsed, found)) : masked;
}
