import { isSecretField, MIN_FREE_TEXT_SECRET_LENGTH } from '../domain/secrets.js';

const MASK = '[redacted]';
const STORED_PREFIX = '{crypt}';

/** `token=...` in a query string or form body, and `Bearer ...` in a header written out: secrets by position. */
const TOKEN_PARAMETER = /([?&;\s"']token=)([^&\s"'#;]+)/gi;
const BEARER = /(\bBearer\s+)([A-Za-z0-9._~+/=-]{4,})/g;
/** The shortest text rules 1 and 3 can find anything in: `token=` and one character. */
const SHORTEST_MASKABLE = Math.min('token=x'.length, MIN_FREE_TEXT_SECRET_LENGTH);

export interface RedactorOptions {
  /** What a masked secret reads as (default `[redacted]`; recordings use `src/domain/secrets.ts`'s MASK). */
  readonly mask?: string;
  /**
   * Text never masked, such as the admin root the user passed: free-text masking splits around it, so
   * that a short password equal to a path segment (`admin`) cannot turn URLs into `/arcgis/[redacted]/...`.
   */
  readonly keep?: readonly string[];
}

/**
 * Keeps secrets (the token, the password, any plaintext passcode seen) out of everything a report
 * writes, by three rules:
 *
 * 1. **By position**, whatever the value: a JSON field named `token`, `password` or `passcode`
 *    (`src/domain/secrets.ts`; a stored `{crypt}` passcode keeps its prefix), `token=` in a query
 *    string or form body, and `Bearer <token>`.
 * 2. **By value**: a string that equals a known secret, whatever its length.
 * 3. **In free text**: a known secret inside longer text (raw, URL-encoded, JSON-escaped or base64)
 *    only when it has at least `MIN_FREE_TEXT_SECRET_LENGTH` (8) characters, and never inside the
 *    `keep` texts (the admin root). A shorter secret cannot be told apart from ordinary words there:
 *    masking the password `admin` everywhere would mangle every URL of the admin API.
 *
 * Reports pass their whole output through `redact` as the last step, so a secret that a server
 * echoed back into a body, a message or an "actual" value is masked too.
 *
 * @example
 * const redactor = new Redactor([token]);
 * redactor.redact({ message: `bad token ${token}` }); // { message: 'bad token [redacted]' }
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly keep: readonly string[];
  private readonly mask: string;
  /** The free-text forms of the long secrets, longest first (a secret inside another is masked after it). */
  private forms: string[] | undefined;

  /** `options` may also be the mask alone (`new Redactor(secrets, '********')`, as the mock's journal writes it). */
  constructor(secrets: Iterable<string | undefined> = [], options: RedactorOptions | string = {}) {
    const settings = typeof options === 'string' ? { mask: options } : options;
    for (const secret of secrets) this.add(secret);
    this.keep = (settings.keep ?? []).filter((text) => text.length > 0);
    this.mask = settings.mask ?? MASK;
  }

  /** Adds a secret (an empty one is ignored). */
  add(secret: string | undefined): void {
    if (secret === undefined || secret === '' || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.forms = undefined;
  }

  get size(): number {
    return this.secrets.size;
  }

  /** True when `value` is one of the secrets. */
  isSecret(value: string): boolean {
    return this.secrets.has(value);
  }

  /** Whether `redactText` could change the text: it is a secret, or long enough to hold one (rules 1 and 3). */
  mayHide(text: string): boolean {
    return text.length >= SHORTEST_MASKABLE || this.secrets.has(text);
  }

  /** Free text with its secrets masked (rules 1 to 3, see the class). */
  redactText(text: string): string {
    if (this.secrets.has(text)) return this.mask;
    // shorter text holds neither `token=` with a value nor a secret long enough for rule 3
    if (text.length < SHORTEST_MASKABLE) return text;
    const positional = text.replace(TOKEN_PARAMETER, `$1${this.mask}`).replace(BEARER, `$1${this.mask}`);
    if (this.keep.length === 0) return this.maskForms(positional);
    return this.splitKept(positional)
      .map((part, index) => (index % 2 === 1 ? part : this.maskForms(part)))
      .join('');
  }

  /** A deep copy of a JSON-like value with its secrets masked: secret fields by position, strings as free text. */
  redact<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown, key?: string): unknown {
    if (typeof value === 'string')
      return key !== undefined && isSecretField(key) ? maskField(value, this.mask) : this.redactText(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (value !== null && typeof value === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [name, inner] of Object.entries(value)) copy[name] = this.walk(inner, name);
      return copy;
    }
    return value;
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

  private maskForms(text: string): string {
    this.forms ??= freeTextForms(this.secrets);
    let result = text;
    for (const form of this.forms) if (result.includes(form)) result = result.split(form).join(this.mask);
    return result;
  }
}

/** A secret field's value masked; a stored passcode keeps its `{crypt}` prefix, so a reader sees what it was. */
function maskField(value: string, mask: string): string {
  if (value === '') return value;
  return value.startsWith(STORED_PREFIX) ? `${STORED_PREFIX}${mask}` : mask;
}

/** The encodings a secret may take inside text: raw, URL-encoded (both ways), JSON-escaped and base64. */
function freeTextForms(secrets: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_FREE_TEXT_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''));
  }
  return [...forms].filter((form) => form.length >= MIN_FREE_TEXT_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}
