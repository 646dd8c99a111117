import { isStoredPasscode, REDACTED_STORED_PASSCODE } from '../domain/passcode.js';
import { IDENTIFYING_FIELDS, isSecretField, isSecretHeader, MASK } from '../domain/secrets.js';
import { Redactor } from '../http/redact.js';
import { INPUT_LIMITS, jsonTextDepth } from '../input/index.js';
import { Pseudonyms } from './pseudonyms.js';

/** Where a deployment lives: its origin (`https://host:port`) and context (`arcgis` in `/arcgis/admin`). */
export interface Deployment {
  readonly origin: string;
  readonly context: string;
}

/** The deployment recordings are rewritten to: the mock's defaults (`tasks-contract mock`). */
export const PLACEHOLDER_DEPLOYMENT: Deployment = { origin: 'http://127.0.0.1:4010', context: 'arcgis' };

/** The origin and context of an admin root such as `https://host/portal/admin`. */
export function deploymentOf(adminRoot: string): Deployment {
  const url = new URL(adminRoot);
  const segments = url.pathname.split('/').filter(Boolean);
  const admin = segments.lastIndexOf('admin');
  return { origin: url.origin, context: segments.slice(0, admin === -1 ? segments.length : admin).join('/') };
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

type Pair = { name: string; value: string };

/**
 * The redaction rules of a recording, applied to each exchange as it is captured, before anything
 * is kept (the README lists them):
 *
 * - tokens: `token` in queries and forms, `Authorization` / `X-Esri-Authorization` headers (the scheme
 *   stays: `Bearer ********`), every cookie value in `Cookie` and `Set-Cookie` (names and attributes stay);
 * - the password, and any other secret field (`token`, `password`) in JSON and forms;
 * - passcodes: a stored `{crypt}...` passcode keeps its prefix and gets a fixed ciphertext
 *   (`REDACTED_STORED_PASSCODE`); a plaintext one (a leak) becomes `********`;
 * - the site's origin, host and context, replaced by the placeholder's (the mock's), so a recording
 *   never names the site and replays against `tasks-contract mock` as it is;
 * - `ownerId` and `orgId`: consistent pseudonyms of the same format (unless `keepIds`), also where the
 *   real ids appear in text;
 * - any known secret inside text, in the encodings `Redactor` knows (8 characters or more).
 *
 * @example
 * const capture = new CaptureRedaction({ site: deploymentOf(adminRoot), secrets: [token, password] });
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

  constructor(options: CaptureRedactionOptions) {
    this.placeholder = options.placeholder ?? PLACEHOLDER_DEPLOYMENT;
    this.keepIds = options.keepIds ?? false;
    this.pseudonyms = new Pseudonyms(options.idKey);
    this.redactor = new Redactor(options.secrets, { mask: MASK });
    this.siteTexts = siteReplacements(options.site, this.placeholder);
  }

  /** How many ids were pseudonymized, and how many plaintext passcodes were found and masked. */
  get counts(): { ids: number; leakedPasscodes: number } {
    return { ids: this.pseudonyms.entries().length, leakedPasscodes: this.leaked.size };
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
    return this.walk(value, undefined);
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
    return pairs.map(({ name, value }) => ({ name, value: this.header(name, value) }));
  }

  private header(name: string, value: string): string {
    const lower = name.toLowerCase();
    if (lower === 'cookie')
      return cookiePairs(value)
        .map((c) => `${c.name}=${MASK}`)
        .join('; ');
    if (lower === 'set-cookie') {
      const [first = '', ...attributes] = value.split(';');
      const cookieName = first.split('=')[0]?.trim() ?? '';
      return [`${cookieName}=${MASK}`, ...attributes.map((a) => this.text(a))].join(';');
    }
    if (isSecretHeader(name)) {
      const scheme = /^(\w+)\s+\S/.exec(value)?.[1];
      return scheme ? `${scheme} ${MASK}` : MASK;
    }
    if (lower === 'location' || lower === 'referer' || lower === 'content-location') return this.url(value);
    return this.text(value);
  }

  /** Registers what must be replaced everywhere before anything is changed: ids and leaked passcodes. */
  private observe(value: unknown, key?: string): void {
    if (typeof value === 'string') {
      if (key === 'passcode' && value !== '' && !isStoredPasscode(value)) this.leak(value);
      else if (key !== undefined && !this.keepIds && isIdentifying(key) && value !== '') this.pseudonyms.of(value);
      return;
    }
    if (Array.isArray(value)) for (const item of value) this.observe(item);
    else if (value !== null && typeof value === 'object')
      for (const [name, inner] of Object.entries(value)) this.observe(inner, name);
  }

  private walk(value: unknown, key: string | undefined): unknown {
    if (typeof value === 'string') {
      if (key === 'passcode') return value === '' ? value : isStoredPasscode(value) ? REDACTED_STORED_PASSCODE : MASK;
      if (key !== undefined && isSecretField(key)) return value === '' ? value : MASK;
      if (key !== undefined && !this.keepIds && isIdentifying(key) && value !== '') return this.pseudonyms.of(value);
      return this.text(value);
    }
    if (Array.isArray(value)) return value.map((item) => this.walk(item, undefined));
    if (value !== null && typeof value === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [name, inner] of Object.entries(value)) copy[name] = this.walk(inner, name);
      return copy;
    }
    return value;
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

/** `a=1; b=2` as name/value pairs. */
export function cookiePairs(header: string): Pair[] {
  return header
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name = '', value = ''] = splitOnce(part, '=');
      return { name: name.trim(), value: value.trim() };
    });
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
