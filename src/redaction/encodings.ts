/**
 * The encodings a secret may take in what a server or a client writes, each as a function from the
 * secret to the text it becomes. The Redactor searches every output for each form of each known
 * secret; the tests build their canary corpus from the same list, so a new encoding is covered by
 * both at once.
 *
 * HTML entities are written here by hand: only the five characters HTML escapes have names that
 * servers use (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`), and decimal and hex references cover every
 * other character; the `entities` package would add a dependency for its tables of rare names.
 */
export interface SecretEncoding {
  readonly name: string;
  /** The secret as it appears in text written this way (for base64 at an offset: inside a longer value). */
  readonly encode: (secret: string) => string;
  /**
   * The fragments of `encode(secret)` that give the secret away, which the Redactor masks (the
   * whole text, except for base64 at an offset, where only the characters that the secret alone
   * decides are fixed).
   */
  readonly forms: (secret: string) => string[];
}

import { MIN_FREE_TEXT_SECRET_LENGTH } from './masks.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const hex2 = (byte: number) => byte.toString(16).padStart(2, '0');
const lowerEscapes = (text: string) => text.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase());
const everyByte = (text: string) => [...utf8(text)].map((byte) => `%${hex2(byte).toUpperCase()}`).join('');
const formEncoded = (text: string) => new URLSearchParams({ s: text }).toString().slice(2);

const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const htmlNamed = (text: string) => text.replace(/[&<>"']/g, (c) => NAMED[c]!);
const htmlNumeric = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const codePoints = (text: string) => [...text].map((c) => c.codePointAt(0)!);

const jsonInner = (text: string) => JSON.stringify(text).slice(1, -1);
const unicodeEscape = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`;
/** JSON with every character that is not a letter or a digit as `\uXXXX` (what some serializers write for `&`, `<`, `=`). */
const jsonUnicodeSpecials = (text: string) =>
  [...text]
    .map((c) => (/[A-Za-z0-9]/.test(c) ? c : [...c].map((u) => unicodeEscape(u.charCodeAt(0))).join('')))
    .join('');
const jsonUnicodeAll = (text: string) =>
  Array.from({ length: text.length }, (_, i) => unicodeEscape(text.charCodeAt(i))).join('');

const base64 = (bytes: Buffer, url: boolean) => bytes.toString(url ? 'base64url' : 'base64');
/** Bytes before the secret in the canary (their value does not matter: the form skips what they touch). */
const PAD = Buffer.from('Zq~');
/**
 * The base64 characters of `secret` placed `offset` bytes into a longer value that the secret
 * alone decides: character i covers bits [6i, 6i+6), and it is kept when those bits all belong to
 * the secret.
 */
function base64Core(secret: string, offset: number, url: boolean): string {
  const bytes = utf8(secret);
  const text = base64(Buffer.concat([PAD.subarray(0, offset), bytes]), url).replace(/=+$/, '');
  const first = Math.ceil((offset * 8) / 6);
  const last = Math.floor(((offset + bytes.length) * 8) / 6); // exclusive
  return text.slice(first, last);
}

function base64At(offset: number, url: boolean): SecretEncoding {
  return {
    name: `${url ? 'base64url' : 'base64'}@${offset}`,
    encode: (secret) => base64(Buffer.concat([PAD.subarray(0, offset), utf8(secret), Buffer.from('!?')]), url),
    forms: (secret) => [base64Core(secret, offset, url)],
  };
}

function whole(name: string, encode: (secret: string) => string): SecretEncoding {
  return { name, encode, forms: (secret) => [encode(secret)] };
}

/** Every encoding the Redactor masks, by name. */
export const SECRET_ENCODINGS: readonly SecretEncoding[] = [
  whole('raw', (s) => s),
  whole('percent', encodeURIComponent),
  whole('percent-lower', (s) => lowerEscapes(encodeURIComponent(s))),
  whole('percent-every-byte', everyByte),
  whole('percent-every-byte-lower', (s) => everyByte(s).toLowerCase()),
  whole('percent-double', (s) => encodeURIComponent(encodeURIComponent(s))),
  whole('percent-double-lower', (s) => encodeURIComponent(lowerEscapes(encodeURIComponent(s)))),
  whole('form', formEncoded),
  whole('form-lower', (s) => lowerEscapes(formEncoded(s))),
  whole('html-named', htmlNamed),
  whole('html-numeric', htmlNumeric),
  whole('html-decimal', (s) =>
    codePoints(s)
      .map((p) => `&#${p};`)
      .join(''),
  ),
  whole('html-hex', (s) =>
    codePoints(s)
      .map((p) => `&#x${p.toString(16)};`)
      .join(''),
  ),
  whole('html-hex-upper', (s) =>
    codePoints(s)
      .map((p) => `&#x${p.toString(16).toUpperCase()};`)
      .join(''),
  ),
  whole('json', jsonInner),
  whole('json-double', (s) => jsonInner(jsonInner(s))),
  whole('json-slash', (s) => jsonInner(s).replace(/\//g, '\\/')),
  whole('json-unicode', jsonUnicodeSpecials),
  whole('json-unicode-upper', (s) =>
    jsonUnicodeSpecials(s).replace(/\\u([0-9a-f]{4})/g, (_, h: string) => `\\u${h.toUpperCase()}`),
  ),
  whole('json-unicode-all', jsonUnicodeAll),
  whole('hex', (s) => utf8(s).toString('hex')),
  whole('hex-upper', (s) => utf8(s).toString('hex').toUpperCase()),
  base64At(0, false),
  base64At(1, false),
  base64At(2, false),
  base64At(0, true),
  base64At(1, true),
  base64At(2, true),
];

/**
 * True when `text` holds one of `secrets`: raw at any length, or in any encoding when the secret is
 * long enough to be told from a word (MIN_FREE_TEXT_SECRET_LENGTH).
 */
export function holdsSecret(text: string, secrets: Iterable<string | undefined>): boolean {
  for (const secret of secrets) {
    if (!secret) continue;
    if (text.includes(secret)) return true;
    if (secret.length >= MIN_FREE_TEXT_SECRET_LENGTH && knownForms(secret).some((form) => text.includes(form)))
      return true;
  }
  return false;
}

/** Every form of `secret` (see SecretEncoding.forms), without repeats, longest first. */
export function formsOf(secret: string): string[] {
  return [...knownForms(secret)];
}

// A run checks every answer for the few secrets it sent: their forms are made once, not per answer.
const FORMS_KEPT = 64;
const formsBySecret = new Map<string, readonly string[]>();

/** `formsOf`, shared: made once per secret while at most FORMS_KEPT secrets are kept. */
export function knownForms(secret: string): readonly string[] {
  let forms = formsBySecret.get(secret);
  if (forms === undefined) {
    const unique = new Set<string>();
    for (const encoding of SECRET_ENCODINGS) for (const form of encoding.forms(secret)) unique.add(form);
    forms = Object.freeze([...unique].sort((a, b) => b.length - a.length));
    if (formsBySecret.size >= FORMS_KEPT) formsBySecret.clear();
    formsBySecret.set(secret, forms);
  }
  return forms;
}
