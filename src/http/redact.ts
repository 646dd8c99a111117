const REDACTED = '[redacted]';
/** Characters that URL encoding and JSON escaping leave as they are (most tokens are made of them). */
const UNCHANGED_BY_ENCODING = /^[A-Za-z0-9\-_.!~*'()]+$/;

/**
 * Keeps secrets (the token, the password, any plaintext passcode seen) out of everything a report
 * writes. Reports pass their whole output through `redact` as the last step, so a secret that a
 * server echoed back into a body, a message or an "actual" value is masked too.
 *
 * @example
 * const redactor = new Redactor([token]);
 * redactor.redact({ message: `bad token ${token}` }); // { message: 'bad token [redacted]' }
 */
export class Redactor {
  /** Each secret and the other forms it takes in text: URL-encoded, JSON-escaped. */
  private readonly secrets = new Map<string, readonly string[]>();

  /** `mask` replaces each secret; the mock's journal uses `********` (MASK of domain/secrets). */
  constructor(
    secrets: Iterable<string | undefined> = [],
    private readonly mask = REDACTED,
  ) {
    for (const secret of secrets) this.add(secret);
  }

  /** Adds a secret; very short values are ignored (masking "a" everywhere would destroy reports, and they guard nothing). */
  add(secret: string | undefined): void {
    if (secret === undefined || secret.length < 4 || this.secrets.has(secret)) return;
    const forms = UNCHANGED_BY_ENCODING.test(secret)
      ? [secret]
      : [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
    this.secrets.set(secret, forms);
  }

  get size(): number {
    return this.secrets.size;
  }

  /** The text with every secret, its URL-encoded and its JSON-escaped form replaced by the mask. */
  redactText(text: string): string {
    let result = text;
    for (const forms of this.secrets.values()) {
      for (const form of forms) {
        if (result.includes(form)) result = result.split(form).join(this.mask);
      }
    }
    return result;
  }

  /** A deep copy of a JSON-like value with every string redacted. */
  redact<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (value !== null && typeof value === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) copy[key] = this.walk(inner);
      return copy;
    }
    return value;
  }
}
