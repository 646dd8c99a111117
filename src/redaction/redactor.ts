import { isStoredPasscode } from '../domain/passcode.js';
import { isSecretField, isSecretHeader, SECRET_FIELDS } from '../domain/secrets.js';
import { looksLikeJsonText } from '../input/index.js';
import { knownForms } from './encodings.js';
import { MIN_FORM_LENGTH, MIN_FREE_TEXT_SECRET_LENGTH, OUTPUT_MASKS, type Output, type OutputMask } from './masks.js';
import { eachString, walkJson } from './walk.js';

const FIELDS = SECRET_FIELDS.join('|');
/** `token=...` (or `password=`, `passcode=`) in a query string, form body or text: a secret by position. */
const SECRET_PARAMETER = new RegExp(`((?:^|[?&;\\s"'])(?:${FIELDS})=)([^&\\s"'#;<]+)`, 'gi');
/** `Bearer <token>` in a header written out. */
const BEARER = /(\bBearer\s+)([A-Za-z0-9._~+/=-]{4,})/g;
/** `"passcode": "..."` (any case, any spacing) in text that is not parsed as JSON: the value is a secret by position. */
const SECRET_MEMBER = new RegExp(`("(?:${FIELDS})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|[^,}\\]\\s]+)`, 'gi');
/** The shortest text a rule can find anything in: `token=` and one character. */
const SHORTEST_MASKABLE = Math.min('token=x'.length, MIN_FREE_TEXT_SECRET_LENGTH);
/** JSON literals a secret member may hold that are no secret. */
const NOT_SECRETS = new Set(['null', 'true', 'false']);
/** How many levels of JSON text inside a JSON string are parsed (a form field's `parameters`). */
const MAX_NESTED_JSON = 2;

export interface RedactorOptions {
  /** The output written (OUTPUT_MASKS), or its masks; default the report's. A string is the mask of every secret. */
  readonly mask?: Output | OutputMask | string;
  /**
   * Text never masked, such as the admin root the user passed: free-text masking splits around it, so
   * that a short password equal to a path segment cannot turn admin URLs into masks.
   */
  readonly keep?: readonly string[];
}

/** A header as a name and a value. */
export interface HeaderPair {
  readonly name: string;
  readonly value: string;
}

function maskOf(option: RedactorOptions['mask']): OutputMask {
  if (option === undefined) return OUTPUT_MASKS.report;
  if (typeof option === 'object') return option;
  if (option in OUTPUT_MASKS) return OUTPUT_MASKS[option as Output];
  return { secret: option, storedPasscode: option };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The one place secrets are masked: tokens, passwords, cookies and session values learnt from
 * headers, and passcodes, in every encoding of SECRET_ENCODINGS, as values and as keys, in JSON and
 * other bodies, headers, URLs and HTML. Reports, the journal, recordings and the console all use
 * it, each with its mask (OUTPUT_MASKS). Three rules:
 *
 * 1. **By position**, whatever the value: a JSON member or form field named `token`, `password` or
 *    `passcode` (a stored `{crypt}` passcode reads as the output's stored mask), `token=` in text,
 *    `Bearer <token>`, cookie values and secret headers.
 * 2. **By value**: a string (or key) equal to a known secret, whatever its length.
 * 3. **In free text**: every form of a known secret of MIN_FREE_TEXT_SECRET_LENGTH characters or more,
 *    never inside the `keep` texts.
 *
 * @example
 * const redactor = new Redactor([token]);
 * redactor.redact({ message: `bad token ${token}` }); // { message: 'bad token ********' }
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly keep: readonly string[];
  private readonly masks: OutputMask;
  /** The free-text forms of the long secrets as one pattern, longest first; undefined when none. */
  private pattern: RegExp | null | undefined;
  /** How many secrets this redactor has masked so far (record uses it to say its documents held some). */
  masked = 0;

  /** `options` may also be the mask alone (`new Redactor(secrets, '********')`). */
  constructor(secrets: Iterable<string | undefined> = [], options: RedactorOptions | string = {}) {
    const settings = typeof options === 'string' ? { mask: options } : options;
    this.masks = maskOf(settings.mask);
    this.keep = (settings.keep ?? []).filter((text) => text.length > 0);
    for (const secret of secrets) this.add(secret);
  }

  /** Adds a secret (an empty one, and a mask, are ignored). */
  add(secret: string | undefined): void {
    if (secret === undefined || secret === '' || this.secrets.has(secret)) return;
    if (secret === this.masks.secret || secret === this.masks.storedPasscode || NOT_SECRETS.has(secret)) return;
    this.secrets.add(secret);
    this.pattern = undefined;
  }

  /** Learns the session values of headers: cookie values (`Cookie`, `Set-Cookie`) and credentials (`Authorization`). */
  learnHeaders(headers: Iterable<HeaderPair>): void {
    for (const { name, value } of headers) {
      const lower = name.toLowerCase();
      if (lower === 'cookie') for (const cookie of cookiePairs(value)) this.add(cookie.value);
      else if (lower === 'set-cookie') this.add(cookiePairs(value.split(';')[0] ?? '')[0]?.value);
      else if (isSecretHeader(lower)) this.add(/^\w+\s+(\S+)$/.exec(value)?.[1] ?? value);
    }
  }

  /** Learns the values of secret members (`token`, `password`, plaintext `passcode`) in a JSON-like value. */
  learn(value: unknown): void {
    eachString(value, (text, key) => {
      if (key !== undefined && isSecretField(key) && !isStoredPasscode(text)) this.add(text);
    });
  }

  /** The secrets known so far (to hand them to another redactor). */
  known(): string[] {
    return [...this.secrets];
  }

  get size(): number {
    return this.secrets.size;
  }

  /** The mask of this redactor's output. */
  get mask(): string {
    return this.masks.secret;
  }

  /** True when `value` is one of the secrets. */
  isSecret(value: string): boolean {
    return this.secrets.has(value);
  }

  /** Whether `redactText` could change the text: it is a secret, or long enough to hold one. */
  mayHide(text: string): boolean {
    return text.length >= SHORTEST_MASKABLE || this.secrets.has(text);
  }

  /** Free text (a message, a URL, an HTML page, a non-JSON body) with its secrets masked (rules 1 to 3). */
  redactText(text: string): string {
    if (this.secrets.has(text)) return this.count(this.masks.secret);
    if (text.length < SHORTEST_MASKABLE) return text;
    if (this.keep.length === 0) return this.maskFree(text);
    return this.splitKept(text)
      .map((part, index) => (index % 2 === 1 ? part : this.maskFree(part)))
      .join('');
  }

  /** A secret member's value by position: a stored passcode keeps `{crypt}` (see OUTPUT_MASKS). */
  maskField(value: string): string {
    if (value === '') return value;
    this.masked++;
    return isStoredPasscode(value) || value.startsWith('{crypt}') ? this.masks.storedPasscode : this.masks.secret;
  }

  /**
   * A deep copy of a JSON-like value with its secrets masked: the values of secret members are
   * learnt first (so their copies elsewhere go too), then every member is masked by position, every
   * key and string as text (JSON text inside a string as JSON).
   */
  redact<T>(value: T): T {
    this.learn(value);
    return this.walk(value, 0) as T;
  }

  /** A body: JSON redacted as JSON and written back in its own layout (pretty or compact); anything else as text. */
  redactBody(text: string): string {
    return this.jsonText(text, 0) ?? this.redactText(text);
  }

  /** Headers: secret ones masked by position (`Bearer ********`, `name=********` for cookies), the rest as text. */
  redactHeaders(headers: readonly HeaderPair[]): HeaderPair[] {
    this.learnHeaders(headers);
    return headers.map(({ name, value }) => ({ name: this.redactText(name), value: this.redactHeader(name, value) }));
  }

  /** One header's value (see redactHeaders). */
  redactHeader(name: string, value: string): string {
    const lower = name.toLowerCase();
    const mask = this.masks.secret;
    if (lower === 'cookie') {
      this.masked++;
      return cookiePairs(value)
        .map((c) => `${this.redactText(c.name)}=${mask}`)
        .join('; ');
    }
    if (lower === 'set-cookie') {
      const [first = '', ...attributes] = value.split(';');
      const cookieName = first.split('=')[0]?.trim() ?? '';
      this.masked++;
      return [`${this.redactText(cookieName)}=${mask}`, ...attributes.map((a) => this.redactText(a))].join(';');
    }
    if (isSecretHeader(lower)) {
      this.masked++;
      const scheme = /^(\w+)\s+\S/.exec(value)?.[1];
      return scheme ? `${scheme} ${mask}` : mask;
    }
    return this.redactText(value);
  }

  /**
   * An object key: a long secret (the token as a key) is masked wherever it is; a short one is left,
   * since short keys are names (`ab`, `id`) far more often than secrets.
   */
  private redactKey(name: string): string {
    if (name.length < MIN_FREE_TEXT_SECRET_LENGTH) return name;
    return this.secrets.has(name) ? this.count(this.masks.secret) : this.maskFree(name);
  }

  /** Counts a mask written and returns it. */
  private count(mask: string): string {
    this.masked++;
    return mask;
  }

  private walk(value: unknown, nested: number): unknown {
    return walkJson(value, {
      key: (name) => this.redactKey(name),
      text: (text, key) => {
        if (key !== undefined && isSecretField(key)) return this.maskField(text);
        if (nested < MAX_NESTED_JSON && looksLikeJsonText(text))
          return this.jsonText(text, nested + 1) ?? this.redactText(text);
        return this.redactText(text);
      },
      scalar: (scalar, key) =>
        key !== undefined && isSecretField(key) && typeof scalar === 'number' ? this.count(this.masks.secret) : scalar,
    });
  }

  /** JSON text redacted as JSON, in its own layout; undefined when it is not JSON. */
  private jsonText(text: string, nested: number): string | undefined {
    if (!looksLikeJsonText(text)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    this.learn(parsed);
    const indent = /^\s*[[{]\s*\n(\s+)/.exec(text)?.[1]?.length ?? 0;
    try {
      return JSON.stringify(this.walk(parsed, nested), null, indent);
    } catch {
      return undefined; // too deep to write back: masked as text
    }
  }

  private maskFree(text: string): string {
    const mask = this.masks.secret;
    let result = text;
    if (/=/.test(result))
      result = result.replace(SECRET_PARAMETER, (_all, name: string, value: string) =>
        value === mask || value === encodeURIComponent(mask) ? `${name}${value}` : `${name}${this.count(mask)}`,
      );
    if (/Bearer/.test(result))
      result = result.replace(BEARER, (_all, scheme: string) => `${scheme}${this.count(mask)}`);
    if (/"\s*:/.test(result))
      result = result.replace(SECRET_MEMBER, (member, name: string, value: string) => {
        const plain = value.startsWith('"') ? value.slice(1, -1) : value;
        if (plain === '' || plain === mask || plain === this.masks.storedPasscode || NOT_SECRETS.has(plain))
          return member;
        return `${name}"${this.maskField(plain)}"`;
      });
    const pattern = this.freePattern();
    if (pattern) result = result.replace(pattern, () => this.count(mask));
    return result;
  }

  private freePattern(): RegExp | null {
    if (this.pattern !== undefined) return this.pattern;
    const forms = new Set<string>();
    for (const secret of this.secrets) {
      if (secret.length < MIN_FREE_TEXT_SECRET_LENGTH) continue;
      for (const form of knownForms(secret))
        if (form.length >= Math.min(MIN_FORM_LENGTH, secret.length)) forms.add(form);
    }
    const sorted = [...forms].sort((a, b) => b.length - a.length);
    this.pattern = sorted.length === 0 ? null : new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
    return this.pattern;
  }

  /** The text cut around the kept texts: even indexes are free text, odd ones kept. */
  private splitKept(text: string): string[] {
    const parts: string[] = [];
    let rest = text;
    for (;;) {
      let at = -1;
      let kept = '';
      for (const candidate of this.keep) {
        const index = rest.indexOf(candidate);
        if (index !== -1 && (at === -1 || index < at || (index === at && candidate.length > kept.length))) {
          at = index;
          kept = candidate;
        }
      }
      if (at === -1) break;
      parts.push(rest.slice(0, at), kept);
      rest = rest.slice(at + kept.length);
    }
    parts.push(rest);
    return parts;
  }
}

/** Node's raw headers (name and value alternating) as pairs; none when undefined. */
export function headerPairs(raw: readonly string[] | undefined): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  for (let i = 0; raw && i + 1 < raw.length; i += 2) pairs.push({ name: raw[i]!, value: raw[i + 1]! });
  return pairs;
}

/** `a=1; b=2` as name/value pairs. */
export function cookiePairs(header: string): HeaderPair[] {
  return header
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf('=');
      const [name, value] = at === -1 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)];
      return { name: name.trim(), value: value.trim() };
    });
}
