import type { ContractLayout } from '../contract/layout.js';
import { isStoredPasscode } from '../domain/passcode.js';
import { IDENTIFYING_FIELDS, isSecretField, isSecretHeader } from '../domain/secrets.js';
import { INPUT_LIMITS, jsonTextDepth } from '../input/index.js';
import { cookiePairs, eachString, type HeaderPair, OUTPUT_MASKS, Redactor, walkJson } from '../redaction/index.js';
import { Pseudonyms } from './pseudonyms.js';

export { cookiePairs };

/** What a recording writes for a masked secret (OUTPUT_MASKS.recording: stored passcodes stay valid). */
const MASK = OUTPUT_MASKS.recording.secret;

/** Where a deployment lives: its origin (`https://host:port`) and context (`arcgis` in `/arcgis/admin`). */
export interface Deployment {
  readonly origin: string;
  readonly context: string;
}

/** The deployment recordings are rewritten to: the mock's defaults (`tasks-contract mock`). */
export const PLACEHOLDER_DEPLOYMENT: Deployment = { origin: 'http://127.0.0.1:4010', context: 'arcgis' };

/** The origin and context of an admin root such as `https://host/portal/admin`, by the contract's layout. */
export function deploymentOf(adminRoot: string, layout: ContractLayout): Deployment {
  return { origin: new URL(adminRoot).origin, context: layout.contextOf(adminRoot) };
}

export interface CaptureRedactionOptions {
  /** The deployment recorded; its origin, host and context are replaced by the placeholder's everywhere. */
  readonly site: Deployment;
  readonly placeholder?: Deployment;
  /** The secrets of the session: the token and the password. */
  readonly secrets: readonly (string | undefined)[];
  /** Keep `ownerId` and `orgId` as they are (`--keep-ids`). */
  readonly keepIds?: boolean;
  /** The key of the pseudonyms (see Pseudonyms); the same key gives the same pseudonyms in every recording. */
  readonly idKey?: string;
}

type Pair = HeaderPair;

/**
 * The redaction rules of a recording, applied to each exchange as it is captured, before anything
 * is kept (the README lists them):
 *
 * - secrets, through the one Redactor (src/redaction) with the recording's masks: `token` in queries and
 *   forms, `Authorization` / `X-Esri-Authorization` headers (the scheme stays: `Bearer ********`), every
 *   cookie value in `Cookie` and `Set-Cookie` (names and attributes stay; the values are learnt and
 *   masked wherever the site echoes them), secret fields (`token`, `password`) in JSON and forms, as
 *   values and as keys, and every known secret in every encoding of SECRET_ENCODINGS;
 * - passcodes: a stored `{crypt}...` passcode keeps its prefix and gets a fixed ciphertext
 *   (`REDACTED_STORED_PASSCODE`, so the recording still validates); a plaintext one (a leak) becomes `********`;
 * - the site's origin, host and context, replaced by the placeholder's (the mock's), so a recording
 *   never names the site and replays against `tasks-contract mock` as it is;
 * - `ownerId` and `orgId`: consistent pseudonyms of the same format (unless `keepIds`), also where the
 *   real ids appear in text.
 *
 * @example
 * const capture = new CaptureRedaction({ site: deploymentOf(adminRoot, contract.layout), secrets: [token, password] });
 * capture.url(`${adminRoot}/system/tasks?f=json&token=${token}`); // http://127.0.0.1:4010/arcgis/admin/system/tasks?f=json&token=********
 */
export class CaptureRedaction {
  private readonly redactor: Redactor;
  private readonly pseudonyms: Pseudonyms;
  private readonly placeholder: Deployment;
  private readonly siteTexts: [string | RegExp, string][];
  private readonly keepIds: boolean;
  /** Plaintext passcodes seen in answers (server leaks): masked wherever they appear later. */
  private readonly leaked = new Set<string>();
  /** Secrets masked inside documents (a site echoing a token, a cookie, a password): each is a leak. */
  private inDocuments = 0;

  constructor(options: CaptureRedactionOptions) {
    this.placeholder = options.placeholder ?? PLACEHOLDER_DEPLOYMENT;
    this.keepIds = options.keepIds ?? false;
    this.pseudonyms = new Pseudonyms(options.idKey);
    this.redactor = new Redactor(options.secrets, { mask: 'recording' });
    this.siteTexts = siteReplacements(options.site, this.placeholder);
  }

  /**
   * How many ids were pseudonymized, how many plaintext passcodes were found and masked, and how many
   * secrets (plaintext passcodes included) had to be masked inside documents.
   */
  get counts(): { ids: number; leakedPasscodes: number; secretsInDocuments: number } {
    return {
      ids: this.pseudonyms.entries().length,
      leakedPasscodes: this.leaked.size,
      secretsInDocuments: this.inDocuments,
    };
  }

  /** Free text: known secrets masked, the site replaced by the placeholder, real ids by their pseudonyms. */
  text(value: string): string {
    let result = this.redactor.redactText(value);
    for (const [from, to] of this.siteTexts) {
      if (typeof from !== 'string') result = result.replace(from, to);
      else if (result.includes(from)) result = result.split(from).join(to);
    }
    return this.ids(result);
  }

  /**
   * The last pass before a recording is written: ids and leaked passcodes learned after a text was
   * captured (the list names owners that the admin root's answer did not) are replaced there too.
   */
  again(value: string): string {
    return this.ids(this.redactor.redactText(value));
  }

  /** A JSON document: secret fields and passcodes by position, ids pseudonymized, every string as text. */
  json(value: unknown): unknown {
    this.observe(value);
    this.redactor.learn(value);
    const before = this.redactor.masked;
    let stored = 0;
    const copy = walkJson(value, {
      key: (name) => this.text(name),
      text: (text, key) => {
        if (key !== undefined && isSecretField(key)) {
          if (isStoredPasscode(text)) stored++;
          return this.redactor.maskField(text);
        }
        if (key !== undefined && !this.keepIds && isIdentifying(key) && text !== '') return this.pseudonyms.of(text);
        return this.text(text);
      },
      scalar: (scalar, key) =>
        key !== undefined && isSecretField(key) && typeof scalar === 'number' ? this.redactor.maskField('*') : scalar,
    });
    this.inDocuments += this.redactor.masked - before - stored;
    return copy;
  }

  /** A body: JSON is redacted as JSON and written back in its own layout (pretty or compact); anything else as text. */
  body(text: string): string {
    // a body nested deeper than the input limit is redacted as text: the walkers below recurse
    if (!/^\s*[[{]/.test(text) || jsonTextDepth(text, INPUT_LIMITS.depth.value) > INPUT_LIMITS.depth.value)
      return this.text(text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.text(text);
    }
    const indent = /^\s*[[{]\s*\n(\s+)/.exec(text)?.[1]?.length ?? 0;
    return JSON.stringify(this.json(parsed), null, indent);
  }

  /** A URL: the site replaced, `token` masked, every other query value as text. */
  url(value: string): string {
    const [base = '', query] = splitOnce(value, '?');
    if (query === undefined) return this.text(base);
    return `${this.text(base)}?${this.params(query)}`;
  }

  /** A query string or form body: secret fields masked (a `parameters` JSON field redacted as JSON), the rest as text. */
  params(encoded: string): string {
    const out = new URLSearchParams();
    for (const [name, value] of new URLSearchParams(encoded)) {
      if (isSecretField(name)) out.append(name, value === '' ? '' : MASK);
      else if (/^\s*[[{]/.test(value)) out.append(name, this.body(value));
      else out.append(name, this.text(value));
    }
    return out.toString();
  }

  /** Headers: tokens and cookies masked by position (`Bearer ********`, `name=********`), the rest as text. */
  headers(pairs: readonly Pair[]): Pair[] {
    // cookie and session values are learnt first: the site may echo them in this answer's body and later ones
    this.redactor.learnHeaders(pairs);
    return pairs.map(({ name, value }) => ({ name: this.text(name), value: this.header(name, value) }));
  }

  private header(name: string, value: string): string {
    const lower = name.toLowerCase();
    // the masked value of a secret header, with the site's names (a cookie's Domain and Path) replaced
    if (isSecretHeader(lower)) return this.text(this.redactor.redactHeader(name, value));
    if (lower === 'location' || lower === 'referer' || lower === 'content-location') return this.url(value);
    return this.text(value);
  }

  /** Registers what must be replaced everywhere before anything is changed: ids and leaked passcodes. */
  private observe(value: unknown): void {
    eachString(value, (text, key) => {
      if (key === 'passcode' && text !== '' && !isStoredPasscode(text)) this.leak(text);
      else if (key !== undefined && !this.keepIds && isIdentifying(key) && text !== '') this.pseudonyms.of(text);
    });
  }

  private leak(passcode: string): void {
    this.leaked.add(passcode);
    this.redactor.add(passcode);
  }

  private ids(text: string): string {
    let result = text;
    for (const [real, pseudonym] of this.pseudonyms.entries())
      if (result.includes(real)) result = result.split(real).join(pseudonym);
    return result;
  }
}

const isIdentifying = (key: string) => (IDENTIFYING_FIELDS as readonly string[]).includes(key);

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * The texts that name the site, most specific first, each with its placeholder: origin and context
 * (raw and URL-encoded), the origin, the host with its port, the host name, and the context as a
 * whole path segment (`Path=/portal` in a cookie, `/portal/home` in a link).
 */
function siteReplacements(site: Deployment, placeholder: Deployment): [string | RegExp, string][] {
  const { host, hostname } = new URL(site.origin);
  const { host: placeholderHost, hostname: placeholderName } = new URL(placeholder.origin);
  const pairs: [string | RegExp, string][] = [];
  const both = (from: string, to: string) => {
    pairs.push([from, to]);
    const encoded = encodeURIComponent(from);
    if (encoded !== from) pairs.push([encoded, encodeURIComponent(to)]);
  };
  if (site.context) {
    both(`${site.origin}/${site.context}/`, `${placeholder.origin}/${placeholder.context}/`);
    for (const child of ['admin', 'sharing', 'home', 'rest', 'webadaptor'])
      both(`/${site.context}/${child}`, `/${placeholder.context}/${child}`);
  }
  both(site.origin, placeholder.origin);
  if (host !== placeholderHost) both(host, placeholderHost);
  if (hostname !== placeholderName) both(hostname, placeholderName);
  if (site.context && site.context !== placeholder.context) {
    const context = site.context.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pairs.push([new RegExp(`/${context}(?=[/?#;&"'\\s]|$)`, 'g'), `/${placeholder.context}`]);
    pairs.push([new RegExp(`%2F${context}(?=%2F|%3F|&|$)`, 'gi'), `%2F${placeholder.context}`]);
  }
  return pairs.filter(([from, to]) => from !== to && from !== '');
}
