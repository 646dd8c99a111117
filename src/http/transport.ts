import http from 'node:http';
import https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import { DEFAULT_TOKENS } from '../contract/tokens.js';
import { INPUT_LIMITS, InputError, parseJsonText, terminalText } from '../input/index.js';
import {
  type FaultKind,
  INVALID_TOKEN,
  type RequestSpec,
  type ResponseData,
  type RoundTrip,
  type TransportFault,
} from './exchange.js';
import { RateLimiter } from './rate-limit.js';
import type { WireExchange, WireRequest } from './wire.js';

export interface TransportOptions {
  readonly timeoutMs: number;
  readonly maxSockets: number;
  /** The run's token (added to requests whose `auth` is `token`). */
  readonly token?: string;
  /** The query and form parameter the token travels in: the contract's (`contract.tokens.parameter`). */
  readonly tokenParameter?: string;
  /** Accept self-signed certificates. */
  readonly insecure?: boolean;
  /** Sent as `Referer` on every request (tokens issued for `client=referer` need it). */
  readonly referer?: string;
  /** Largest body read, in bytes. */
  readonly maxBodyBytes?: number;
  /**
   * Sees every round trip as it went over the wire (token included): for a recorder, which must
   * redact it before keeping anything.
   */
  readonly onWire?: (wire: WireExchange) => void;
  /**
   * Of an answer not parsed as JSON (an f=html page), how much text is kept: its start, where an
   * HTML check looks; the rest is read and let go. A big site's directory page runs to megabytes.
   */
  readonly keptTextBytes?: number;
  /** At most this many requests per second, across all requests in flight (`--max-rps`); no cap when undefined. */
  readonly maxRps?: number;
}

/** `keptTextBytes` by default: 1 MiB. */
export const KEPT_TEXT_BYTES = 1024 * 1024;

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_OSSL_)/;

const FAULT_WORDS: Record<FaultKind, string> = {
  refused: 'connection refused',
  reset: 'connection reset',
  timeout: 'timeout',
  tls: 'TLS failure',
  dns: 'DNS lookup failed',
  network: 'network error',
  'non-json': 'not JSON',
  'html-login-page': 'an HTML login page',
  redirect: 'a redirect',
  'empty-body': 'empty body',
  'too-large': 'body too large',
  'too-deep': 'nested too deep',
};

/** Names a connection error the way a person searching for it would. */
export function classifyError(error: NodeJS.ErrnoException): TransportFault {
  const code = error.code ?? '';
  const kind: FaultKind =
    code === 'ECONNREFUSED'
      ? 'refused'
      : code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(error.message)
        ? 'reset'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'dns'
          : TLS_CODES.test(code) || code === 'EPROTO' || /\b(SSL|TLS)\b|certificate/i.test(error.message)
            ? 'tls'
            : code === 'ETIMEDOUT'
              ? 'timeout'
              : 'network';
  const detail = [code, error.message].filter(Boolean).join(': ').split('\n')[0];
  return { kind, message: `${FAULT_WORDS[kind]} (${detail})` };
}

/** A login page instead of the JSON asked for: the usual sign of a web adaptor or SSO in front of the admin API. */
function looksLikeLoginPage(text: string): boolean {
  return /<form[\s>]/i.test(text) && /(password|sign[\s-]?in|log[\s-]?in)/i.test(text);
}

/** A page with a password field: a login page whatever was asked for (an admin directory page has none). */
const PASSWORD_FIELD = /<input\b[^>]*\btype\s*=\s*["']?password\b/i;

const ADAPTOR_HINT =
  'a web adaptor or single sign-on stands in front of the admin API; use a URL that reaches it directly, or a token it accepts';

/**
 * A redirect, or a login page, whatever the request asked for: what a web adaptor or single sign-on
 * answers in place of the admin API. Undefined for any other answer.
 *
 * @example adaptorFault({ status: 302, headers: { location: '/arcgis/home/signin.html' }, ... })?.kind // 'redirect'
 */
export function adaptorFault(response: ResponseData): TransportFault | undefined {
  const location = response.headers['location'];
  if (response.status >= 300 && response.status < 400 && location !== undefined) {
    return {
      kind: 'redirect',
      message: `a redirect (HTTP ${response.status}) to ${String(location)}: ${ADAPTOR_HINT}`,
    };
  }
  if (/^\s*</.test(response.text) && PASSWORD_FIELD.test(response.text)) return loginPage(response.status);
  return undefined;
}

function loginPage(status: number): TransportFault {
  return {
    kind: 'html-login-page',
    message: `an HTML login page (HTTP ${status}) where JSON was asked for: ${ADAPTOR_HINT}`,
  };
}

/** The body fault of a response to a JSON request, and the parsed value when it is JSON. */
export function parseJsonBody(response: ResponseData): { json: unknown; fault: TransportFault | undefined } {
  const text = response.text;
  if (text.trim() === '')
    return {
      json: undefined,
      fault: { kind: 'empty-body', message: `empty body (HTTP ${response.status}) where JSON was asked for` },
    };
  try {
    return { json: parseJsonText(text, { label: 'the answer' }), fault: undefined };
  } catch (error) {
    // an answer nested deeper than any walker may go is a finding, never a stack overflow further on
    if (error instanceof InputError && error.problem === 'too-deep')
      return {
        json: undefined,
        fault: {
          kind: 'too-deep',
          message: `the answer nests deeper than ${INPUT_LIMITS.depth.value} levels (HTTP ${response.status}); no document of this API nests so deep`,
        },
      };
    if (/^\s*</.test(text) && looksLikeLoginPage(text)) return { json: undefined, fault: loginPage(response.status) };
    const start = terminalText(text.slice(0, 60).replace(/\s+/g, ' '));
    return {
      json: undefined,
      fault: {
        kind: 'non-json',
        message: `the body is not JSON (HTTP ${response.status}, ${response.contentType || 'no content type'}): "${start}"`,
      },
    };
  }
}

/**
 * A request sent as it is: any method, the full URL (query included), headers and a raw body. The
 * transport adds no token and follows no redirect; a `Referer` set in the options is added unless
 * `headers` has one.
 */
export interface RawRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What came back for a raw request: a response, or the fault that kept it from coming. */
export interface RawExchange {
  readonly response: ResponseData | undefined;
  readonly fault: TransportFault | undefined;
  readonly durationMs: number;
}

/**
 * Sends requests with keep-alive sockets, a per-request timeout and a cap on the body read. Never
 * throws for network trouble: every outcome is an `Exchange`, faults included. Redirects are
 * answers, not followed.
 *
 * @example
 * const transport = new Transport({ timeoutMs: 10_000, maxSockets: 8, token });
 * const exchange = await transport.send({ method: 'GET', url, query: { f: 'json' }, auth: 'token' });
 * const replayed = await transport.sendRaw({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{}' });
 * transport.close();
 */
export class Transport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly limiter: RateLimiter | undefined;
  /** Requests that got an HTTP response (of any kind). */
  answered = 0;
  sent = 0;

  constructor(private readonly options: TransportOptions) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      maxSockets: options.maxSockets,
      rejectUnauthorized: !options.insecure,
    });
    this.limiter = options.maxRps === undefined ? undefined : new RateLimiter(options.maxRps);
  }

  async send(request: RequestSpec, wantsJson = true): Promise<RoundTrip> {
    const keptBytes = wantsJson ? undefined : (this.options.keptTextBytes ?? KEPT_TEXT_BYTES);
    const { response, fault: connectionFault, durationMs } = await this.exchange(this.rawRequestOf(request), keptBytes);
    if (!response || connectionFault) return { request, response, fault: connectionFault, json: undefined, durationMs };
    // a web adaptor's redirect or login page stands in for the answer, whatever was asked for
    const adaptor = adaptorFault(response);
    if (adaptor) return { request, response, fault: adaptor, json: undefined, durationMs };
    if (!wantsJson) return { request, response, fault: undefined, json: undefined, durationMs };
    const { json, fault } = parseJsonBody(response);
    return { request, response, fault, json, durationMs };
  }

  /** Sends a request as it is (see `RawRequest`), with the same timeout, body cap and fault naming as `send`. */
  sendRaw(request: RawRequest): Promise<RawExchange> {
    return this.exchange(request, undefined);
  }

  /** One round trip; of the body, at most `keptBytes` are kept as text (all of it when undefined). */
  private async exchange(request: RawRequest, keptBytes: number | undefined): Promise<RawExchange> {
    // waiting for the rate cap is not part of the round trip: its timeout starts once it may go
    await this.limiter?.take();
    const started = performance.now();
    const startedDateTime = new Date().toISOString();
    this.sent += 1;
    const wire = this.wireOf(request);
    let { response, fault, staleSocket } = await this.roundTrip(wire, keptBytes);
    if (staleSocket && (wire.method === 'GET' || wire.method === 'HEAD')) {
      // the server closed an idle keep-alive socket as this request went out on it (a race every
      // keep-alive client meets, more often on a busy machine): a GET is sent again once, counted
      // and capped like any other; a POST is not (it might be a write the server acted on)
      await this.limiter?.take();
      this.sent += 1;
      ({ response, fault } = await this.roundTrip(wire, keptBytes));
    }
    if (response) this.answered += 1;
    const durationMs = performance.now() - started;
    this.options.onWire?.({ startedDateTime, time: durationMs, request: wire, response, fault });
    return { response, fault, durationMs };
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private tokenFor(request: RequestSpec): string | undefined {
    if (request.auth === 'invalid') return INVALID_TOKEN;
    if (request.auth === 'token') return this.options.token;
    return undefined;
  }

  /** The request on the wire: the token in the query on GET, in the form body on POST. */
  private rawRequestOf(request: RequestSpec): RawRequest {
    const token = this.tokenFor(request);
    const parameter = this.options.tokenParameter ?? DEFAULT_TOKENS.parameter;
    const url = new URL(request.url);
    for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
    const headers: Record<string, string> = { accept: 'application/json, text/html;q=0.9, */*;q=0.5' };
    if (request.method === 'GET') {
      if (token !== undefined) url.searchParams.set(parameter, token);
      return { method: 'GET', url: url.toString(), headers };
    }
    const form = new URLSearchParams(request.form ?? {});
    if (token !== undefined) form.set(parameter, token);
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return { method: request.method, url: url.toString(), headers, body: form.toString() };
  }

  /** The request exactly as it goes over the wire: headers lower-cased, the Referer and the body's length added. */
  private wireOf(request: RawRequest): WireRequest {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    if (this.options.referer && headers['referer'] === undefined) headers['referer'] = this.options.referer;
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    return { method: request.method, url: request.url, headers, body: request.body };
  }

  private roundTrip(
    wire: WireRequest,
    keptTextBytes: number | undefined,
  ): Promise<{ response?: ResponseData; fault?: TransportFault; staleSocket?: boolean }> {
    const url = new URL(wire.url);
    const { body, headers } = wire;
    const isHttps = url.protocol === 'https:';
    const maxBytes = this.options.maxBodyBytes ?? 32 * 1024 * 1024;
    const keptBytes = keptTextBytes ?? maxBytes;

    return new Promise((resolve) => {
      let settled = false;
      let answering = false;
      const finish = (result: { response?: ResponseData; fault?: TransportFault; staleSocket?: boolean }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const req = (isHttps ? https : http).request(
        url,
        { method: wire.method, headers, agent: isHttps ? this.httpsAgent : this.httpAgent },
        (res) => {
          answering = true;
          // decoded chunk by chunk into one string: no Buffer copies of a large body (a big site's task list)
          const decoder = new StringDecoder('utf8');
          let text = '';
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              req.destroy();
              finish({ fault: { kind: 'too-large', message: `the body is larger than ${maxBytes} bytes` } });
              return;
            }
            if (size - chunk.length < keptBytes) text += decoder.write(chunk);
          });
          res.on('error', (error: NodeJS.ErrnoException) => finish({ fault: classifyError(error) }));
          res.on('aborted', () =>
            finish({ fault: { kind: 'reset', message: 'connection reset: the response was cut off' } }),
          );
          res.on('end', () => {
            if (!res.complete) {
              finish({ fault: { kind: 'reset', message: 'connection reset: the response was cut off' } });
              return;
            }
            finish({
              response: {
                status: res.statusCode ?? 0,
                contentType: String(res.headers['content-type'] ?? ''),
                headers: res.headers,
                text: text + decoder.end(),
                // what a recording's HAR keeps (redacted): the reason phrase, the version and the headers as sent
                statusText: res.statusMessage ?? '',
                httpVersion: res.httpVersion,
                rawHeaders: res.rawHeaders,
              },
            });
          });
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        finish({
          fault: {
            kind: 'timeout',
            message: `connection timeout: no complete answer within ${this.options.timeoutMs} ms`,
          },
        });
      }, this.options.timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => {
        const fault = classifyError(error);
        // reset before any byte of an answer on a reused socket: the stale keep-alive race (Node's own advice: retry)
        finish({ fault, staleSocket: fault.kind === 'reset' && req.reusedSocket && !answering });
      });
      req.end(body);
    });
  }
}
