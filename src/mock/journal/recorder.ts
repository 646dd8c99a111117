import type { IncomingMessage } from 'node:http';
import { isSecretField } from '../../domain/secrets.js';
import { looksLikeJsonText } from '../../input/index.js';
import { MASK, maskSecretsInJsonText, type Redactor } from '../../redaction/index.js';
import { journalRedactor } from '../../redaction/journal.js';
import { type Params, parseParamsLeniently } from '../params.js';
import { rawHeader } from '../raw-header.js';
import { tokenSource } from '../token-transport.js';
import { logLine } from './describe.js';
import { Exchange, type LiveRequest } from './exchange.js';
import { type RequestJournal, toRecordedRequest } from './journal.js';
import type { NearMissFinder } from './near-miss.js';
import type { Difference, RecordedRequest } from './recorded-request.js';

/** Called with one line per request (method, path, operation, status, ms) and the entry it describes. */
export type RequestLogger = (line: string, entry: RecordedRequest) => void;

/** The longest field value an entry keeps; longer ones are cut, and say so. */
const MAX_RECORDED_VALUE = 2048;
/** The most fields of a query or form an entry keeps. */
const MAX_RECORDED_FIELDS = 64;
/**
 * The most characters of field values a query or form keeps in an entry: past it, values are left
 * out and say so. Without it, 64 fields of 2 KB made an entry of about 134 KB (1.3 GB for a full
 * journal); with it, an entry stays under about 40 KB whatever a client sends.
 */
export const MAX_RECORDED_CHARS = 16 * 1024;
const NONE: Readonly<Record<string, string>> = Object.freeze({});
const NO_PARAMS: Params = new Map();

/**
 * A copy of text taken from the request's URL or body that does not keep them alive: V8 keeps the
 * whole string behind a slice of 13 characters or more, and the URL and body hold the token. Joining
 * makes V8 write the characters into a new string, and the slice then points into that copy.
 */
const detached = (text: string): string => (text.length < 13 ? text : ` ${text}`.slice(1));

/** A value as an entry keeps it: detached, and cut when it is long. */
function kept(value: string): string {
  if (value.length <= MAX_RECORDED_VALUE) return detached(value);
  return detached(`${value.slice(0, MAX_RECORDED_VALUE)}... (${value.length - MAX_RECORDED_VALUE} more characters)`);
}

/** The fields as an entry keeps them: secrets masked (their values pushed to `found`), long values cut. */
function recordFields(params: Params, found: string[]): Record<string, string> {
  if (params.size === 0) return NONE;
  const fields: Record<string, string> = {};
  let count = 0;
  let chars = 0;
  for (const [name, value] of params) {
    if (count++ === MAX_RECORDED_FIELDS) {
      fields['...'] = `${params.size - MAX_RECORDED_FIELDS} more fields not recorded`;
      break;
    }
    let recorded: string;
    if (isSecretField(name)) {
      if (value !== '') found.push(value);
      recorded = MASK;
    } else if (chars >= MAX_RECORDED_CHARS) {
      if (looksLikeJsonText(value)) maskSecretsInJsonText(value, found); // its secrets are still masked elsewhere
      recorded = `(${value.length} characters not recorded: the entry's fields are over ${MAX_RECORDED_CHARS})`;
    } else {
      recorded = kept(looksLikeJsonText(value) ? maskSecretsInJsonText(value, found) : value);
    }
    chars += recorded.length + name.length;
    const key = kept(name);
    if (key === '__proto__') Object.defineProperty(fields, key, { value: recorded, enumerable: true, writable: true });
    else fields[key] = recorded;
  }
  return fields;
}

/** A query string or form body as entries keep it: its fields, masked, and the secrets they carried. */
interface RecordedFields {
  readonly fields: Readonly<Record<string, string>>;
  /** Values of secret fields (`token`, `password`, passcodes in JSON text): other copies are masked too. */
  readonly secrets: readonly string[];
  /** The `token` parameter's value, if any (where the token travelled). */
  readonly token: string | undefined;
}

const NO_FIELDS: RecordedFields = { fields: NONE, secrets: [], token: undefined };

/** The fields with every other copy of a secret masked; the same object when no value can hold one. */
function scrubbed(fields: Readonly<Record<string, string>>, redactor: Redactor): Readonly<Record<string, string>> {
  if (fields === NONE) return fields; // a GET's form: no need to look
  const values = Object.values(fields);
  if (!values.some((value) => redactor.mayHide(value))) return fields;
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === '__proto__') Object.defineProperty(copy, key, { value, enumerable: true, writable: true });
    else copy[key] = redactor.redactText(value);
  }
  return copy;
}

/**
 * Turns requests into journal entries: `begin` when one arrives, `finish` when the mock has answered
 * it (or applied its fault, or the client left). Finishing masks every secret (named fields, JSON
 * text, the token headers, and any other copy of their values in raw, URL-encoded or JSON-escaped
 * form), works out the near miss of an unmatched request, stores the entry and logs its line.
 * With the journal off and no logger, `begin` returns undefined and requests cost nothing.
 */
export class Recorder {
  /** Recent paths as entries keep them: clients repeat a few paths, and their entries share one copy. Bounded. */
  private readonly paths = new Map<string, string>();
  /**
   * Redactors by the secrets a request carried: a client sends the same token request after request,
   * and a redactor works out the encodings of its secrets once. Bounded.
   */
  private readonly redactors = new Map<string, Redactor>();
  /**
   * Query strings and form bodies as entries keep them, by their text: a client sends the same ones
   * again and again, and entries share one frozen copy. Bounded, like the other caches here.
   */
  private readonly recordedTexts = new Map<string, RecordedFields>();
  /**
   * Path parameters as entries keep them (masked), by raw path, per redactor: the router makes a new
   * object per request, which a journal slot would keep alive into V8's old space, and masking it
   * each time cost 2% of a GET; entries of the same path share one. Bounded.
   */
  private readonly plainPathParams = new Map<string, Readonly<Record<string, string>>>();
  private readonly maskedPathParams = new WeakMap<Redactor, Map<string, Readonly<Record<string, string>>>>();
  /** The last path parameters recorded: the router's object, the redactor, and the copy entries share. */
  private lastPathParams:
    | {
        readonly params: Readonly<Record<string, string>>;
        readonly redactor: Redactor | undefined;
        readonly shared: Readonly<Record<string, string>>;
      }
    | undefined;
  /** Masked paths per redactor (a path may hold a secret: the token of the request that carried it). */
  private readonly maskedPaths = new WeakMap<Redactor, Map<string, string>>();

  constructor(
    private readonly journal: RequestJournal,
    private readonly nearMisses: NearMissFinder,
    private readonly now: () => number,
    private readonly logger: RequestLogger | undefined,
  ) {}

  get active(): boolean {
    return this.journal.enabled || this.logger !== undefined;
  }

  begin(
    req: IncomingMessage | undefined,
    method: string,
    path: string,
    queryText: string | undefined,
  ): Exchange | undefined {
    if (!this.active) return undefined;
    const live = {
      req,
      startedAt: performance.now(),
      queryText,
      bodyText: undefined,
      params: undefined,
      formParams: undefined,
      presented: undefined,
    };
    return new Exchange(this.journal.nextSeq(), this.now(), Date.now(), method, path, live);
  }

  finish(exchange: Exchange): void {
    const live = exchange.live;
    if (!live) return;
    exchange.live = undefined;
    exchange.durationMs = performance.now() - live.startedAt;
    this.mask(exchange, live);
    exchange.unmatched = exchange.route === 'none' || exchange.refusal !== null;
    if (exchange.unmatched) {
      exchange.operationId = null; // no operation took it, though its path may have matched one (no token, wrong f)
      const reasons = exchange.refusal ? [exchange.refusal] : [];
      // from the masked path and refusal: a near miss shows no secret either
      exchange.nearMiss = this.nearMisses.find(exchange.method, exchange.path, reasons);
    }
    this.journal.record(exchange);
    if (this.logger) {
      const entry = toRecordedRequest(exchange);
      this.logger(logLine(entry), entry);
    }
  }

  /**
   * Records a request node refused before it became one (headers too large, a timeout, broken
   * HTTP), from the request line node had read, if any: always unmatched.
   */
  recordClientError(requestLine: string | undefined, status: number, reason: Difference): void {
    const [method = '', target = ''] = /^([A-Z]+) (\S+) HTTP\/\d/.exec(requestLine ?? '')?.slice(1) ?? [];
    const q = target.indexOf('?');
    const exchange = this.begin(
      undefined,
      method,
      q === -1 ? target : target.slice(0, q),
      q === -1 ? undefined : target.slice(q + 1),
    );
    if (!exchange) return;
    exchange.refusal = reason;
    exchange.status = status;
    exchange.errorCode = status;
    this.finish(exchange);
  }

  private redactorFor(found: readonly string[]): Redactor {
    const key = found.length === 1 ? found[0]! : found.join('\u0000');
    let redactor = this.redactors.get(key);
    if (!redactor) {
      if (this.redactors.size >= 64) this.redactors.clear();
      redactor = journalRedactor(found);
      this.redactors.set(key, redactor);
    }
    return redactor;
  }

  /** The path as entries keep it, masked: one shared copy per path and redactor (clients repeat both). */
  private pathOf(path: string, redactor: Redactor | undefined): string {
    let paths = redactor ? this.maskedPaths.get(redactor) : this.paths;
    if (!paths) {
      paths = new Map();
      this.maskedPaths.set(redactor!, paths);
    }
    let shared = paths.get(path);
    if (shared === undefined) {
      if (paths.size >= 1024) paths.clear();
      shared = kept(redactor ? redactor.redactText(path) : path);
      paths.set(kept(path), shared);
    }
    return shared;
  }

  /**
   * The path parameters as entries keep them: one shared copy per raw path and redactor, masked
   * (a path parameter is a slice of the path, which may hold the token).
   */
  private pathParamsOf(
    path: string,
    params: Readonly<Record<string, string>>,
    redactor: Redactor | undefined,
  ): Readonly<Record<string, string>> {
    // the router hands out one parameters object per method and path it has seen: a client repeating a
    // request (with the same token) gets the copy it got last time without a lookup by path
    const last = this.lastPathParams;
    if (last !== undefined && last.params === params && last.redactor === redactor) return last.shared;
    const keys = Object.keys(params);
    if (keys.length === 0) return params;
    let byPath = redactor ? this.maskedPathParams.get(redactor) : this.plainPathParams;
    if (!byPath) {
      byPath = new Map();
      this.maskedPathParams.set(redactor!, byPath);
    }
    const known = byPath.get(path);
    // the same path routed by another method may name its parameters otherwise: the names must agree
    if (known && Object.keys(known).length === keys.length && keys.every((key) => Object.hasOwn(known, key))) {
      this.lastPathParams = { params, redactor, shared: known };
      return known;
    }
    if (byPath.size >= 1024) byPath.clear();
    const copy = Object.fromEntries(keys.map((key) => [kept(key), kept(params[key]!)]));
    const shared = Object.freeze(redactor ? scrubbed(copy, redactor) : copy);
    byPath.set(kept(path), shared);
    this.lastPathParams = { params, redactor, shared };
    return shared;
  }

  /** A query string or form body as entries keep it (see `RecordedFields`), from the cache when it was seen. */
  private recordedText(text: string | undefined): RecordedFields {
    if (!text) return NO_FIELDS;
    let recorded = this.recordedTexts.get(text);
    if (recorded === undefined) {
      const params = parseParamsLeniently(text);
      const secrets: string[] = [];
      const fields = recordFields(params, secrets);
      const own = secrets.length > 0 ? this.redactorFor(secrets) : undefined;
      recorded = Object.freeze({
        fields: Object.freeze(own ? scrubbed(fields, own) : fields),
        secrets,
        token: params.get('token'),
      });
      // long texts are rare and would make the cache hold much: they are recorded each time
      if (text.length <= MAX_RECORDED_VALUE) {
        if (this.recordedTexts.size >= 256) this.recordedTexts.clear();
        this.recordedTexts.set(kept(text), recorded);
      }
    }
    return recorded;
  }

  /** A record's fields with `found` masked: as recorded when its own secrets are all there are (they are masked already). */
  private scrubbedBy(
    recorded: RecordedFields,
    found: readonly string[],
    redactor: Redactor,
  ): Readonly<Record<string, string>> {
    return found.every((secret) => recorded.secrets.includes(secret))
      ? recorded.fields
      : scrubbed(recorded.fields, redactor);
  }

  private mask(exchange: Exchange, live: LiveRequest): void {
    const { req, queryText, bodyText } = live;
    const query = this.recordedText(queryText);
    const form = this.recordedText(bodyText);
    const header = (name: string) => (req ? rawHeader(req, name) : undefined);
    // the form wins over the query (the first `token` parameter is the form's), then the headers
    const param = form.token !== undefined ? form.token : query.token;
    const found =
      query.secrets.length === 0
        ? [...form.secrets]
        : form.secrets.length === 0
          ? [...query.secrets]
          : [...query.secrets, ...form.secrets];
    // the token was parsed once by the pipeline when it read the parameters; requests refused
    // before that (a long URL, a body that is not a form) are read here, from their text and headers
    const presented = live.presented;
    if (presented) {
      exchange.token = presented.transport;
      const inHeader = presented.transport !== 'form' && presented.transport !== 'query';
      if (presented.token && inHeader) found.push(presented.token);
    } else if (param) {
      exchange.token = form.token !== undefined ? 'form' : 'query';
    } else {
      const source = tokenSource(NO_PARAMS, NO_PARAMS, header);
      exchange.token = source.transport;
      if (source.token) found.push(source.token);
    }
    const redactor = found.length > 0 ? this.redactorFor(found) : undefined;
    exchange.query = redactor ? this.scrubbedBy(query, found, redactor) : query.fields;
    exchange.form = redactor ? this.scrubbedBy(form, found, redactor) : form.fields;
    const scrub = (text: string) => (redactor ? redactor.redactText(kept(text)) : kept(text));
    exchange.pathParams = this.pathParamsOf(exchange.path, exchange.pathParams, redactor);
    exchange.path = this.pathOf(exchange.path, redactor);
    if (exchange.errorMessage !== null) exchange.errorMessage = scrub(exchange.errorMessage);
    const refusal = exchange.refusal;
    if (refusal) exchange.refusal = { ...refusal, actual: scrub(refusal.actual), message: scrub(refusal.message) };
    const unknownExample = exchange.steering?.unknownExample;
    if (unknownExample !== undefined)
      exchange.steering = { ...exchange.steering, unknownExample: scrub(unknownExample) };
  }
}
