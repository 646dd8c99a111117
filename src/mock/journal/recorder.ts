import type { IncomingMessage } from 'node:http';
import { isSecretField, MASK, maskSecretsInJsonText } from '../../domain/index.js';
import { Redactor } from '../../http/redact.js';
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

function looksLikeJson(value: string): boolean {
  const first = value.charCodeAt(0);
  return first === 123 /* { */ || first === 91 /* [ */ || (first <= 32 && /^\s*[[{]/.test(value));
}

/** The fields as an entry keeps them: secrets masked (their values pushed to `found`), long values cut. */
function recordFields(params: Params, found: string[]): Record<string, string> {
  if (params.size === 0) return NONE;
  const fields: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of params) {
    if (count++ === MAX_RECORDED_FIELDS) {
      fields['...'] = `${params.size - MAX_RECORDED_FIELDS} more fields not recorded`;
      break;
    }
    let recorded: string;
    if (isSecretField(name)) {
      if (value !== '') found.push(value);
      recorded = MASK;
    } else {
      recorded = kept(looksLikeJson(value) ? maskSecretsInJsonText(value, found) : value);
    }
    const key = kept(name);
    if (key === '__proto__') Object.defineProperty(fields, key, { value: recorded, enumerable: true, writable: true });
    else fields[key] = recorded;
  }
  return fields;
}

function scrubFields(fields: Record<string, string>, redactor: Redactor): Record<string, string> {
  for (const key of Object.keys(fields)) fields[key] = redactor.redactText(fields[key]!);
  return fields;
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

  private pathOf(path: string, redactor: Redactor | undefined): string {
    const masked = redactor ? redactor.redactText(path) : path;
    let shared = this.paths.get(masked);
    if (shared === undefined) {
      if (this.paths.size >= 1024) this.paths.clear();
      shared = kept(masked);
      this.paths.set(shared, shared);
    }
    return shared;
  }

  private mask(exchange: Exchange, live: LiveRequest): void {
    const { req, params, formParams, queryText, bodyText } = live;
    const found: string[] = [];
    const form = formParams ?? (bodyText ? parseParamsLeniently(bodyText) : NO_PARAMS);
    const query =
      params !== undefined && form.size === 0
        ? params // no body: the parameters are the query's
        : queryText
          ? parseParamsLeniently(queryText)
          : NO_PARAMS;
    const header = (name: string) => (req ? rawHeader(req, name) : undefined);
    const source = tokenSource(params ?? new Map([...query, ...form]), form, header);
    exchange.token = source.transport;
    if (source.token && source.transport !== 'form' && source.transport !== 'query') found.push(source.token);
    exchange.query = recordFields(query, found);
    exchange.form = recordFields(form, found);
    const redactor = found.length > 0 ? new Redactor(found, MASK) : undefined;
    const scrub = (text: string) => (redactor ? redactor.redactText(kept(text)) : kept(text));
    exchange.path = this.pathOf(exchange.path, redactor);
    if (exchange.errorMessage !== null) exchange.errorMessage = scrub(exchange.errorMessage);
    const refusal = exchange.refusal;
    if (refusal) exchange.refusal = { ...refusal, actual: scrub(refusal.actual), message: scrub(refusal.message) };
    const unknownExample = exchange.steering?.unknownExample;
    if (unknownExample !== undefined)
      exchange.steering = { ...exchange.steering, unknownExample: scrub(unknownExample) };
    if (!redactor || redactor.size === 0) return;
    if (exchange.query !== NONE) scrubFields(exchange.query as Record<string, string>, redactor);
    if (exchange.form !== NONE) scrubFields(exchange.form as Record<string, string>, redactor);
  }
}
