import http from 'node:http';
import https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import {
  type Exchange,
  type Fault,
  type FaultKind,
  INVALID_TOKEN,
  type RequestSpec,
  type ResponseData,
} from './exchange.js';

export interface TransportOptions {
  readonly timeoutMs: number;
  readonly maxSockets: number;
  /** The run's token (added to requests whose `auth` is `token`). */
  readonly token?: string;
  /** Accept self-signed certificates. */
  readonly insecure?: boolean;
  /** Sent as `Referer` on every request (tokens issued for `client=referer` need it). */
  readonly referer?: string;
  /** Largest body read, in bytes. */
  readonly maxBodyBytes?: number;
  /**
   * Of an answer not parsed as JSON (an f=html page), how much text is kept: its start, where an
   * HTML check looks; the rest is read and let go. A big site's directory page runs to megabytes.
   */
  readonly keptTextBytes?: number;
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
  'empty-body': 'empty body',
  'too-large': 'body too large',
};

/** Names a connection error the way a person searching for it would. */
export function classifyError(error: NodeJS.ErrnoException): Fault {
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

/** The body fault of a response to a JSON request, and the parsed value when it is JSON. */
export function parseJsonBody(response: ResponseData): { json: unknown; fault: Fault | undefined } {
  const text = response.text;
  if (text.trim() === '')
    return {
      json: undefined,
      fault: { kind: 'empty-body', message: `empty body (HTTP ${response.status}) where JSON was asked for` },
    };
  try {
    return { json: JSON.parse(text), fault: undefined };
  } catch {
    if (/^\s*</.test(text) && looksLikeLoginPage(text)) {
      return {
        json: undefined,
        fault: {
          kind: 'html-login-page',
          message: `an HTML login page (HTTP ${response.status}) where JSON was asked for`,
        },
      };
    }
    const start = text.slice(0, 60).replace(/\s+/g, ' ');
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
 * Sends requests with keep-alive sockets and a per-request timeout. Never throws for network
 * trouble: every outcome is an `Exchange`, faults included.
 *
 * @example
 * const transport = new Transport({ timeoutMs: 10_000, maxSockets: 8, token });
 * const exchange = await transport.send({ method: 'GET', url, query: { f: 'json' }, auth: 'token' });
 * transport.close();
 */
export class Transport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
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
  }

  async send(request: RequestSpec, wantsJson = true): Promise<Exchange> {
    const started = performance.now();
    this.sent += 1;
    const { response, fault: connectionFault } = await this.roundTrip(request, wantsJson);
    const durationMs = performance.now() - started;
    if (!response) return { request, response, fault: connectionFault, json: undefined, durationMs };
    this.answered += 1;
    if (connectionFault) return { request, response, fault: connectionFault, json: undefined, durationMs };
    if (!wantsJson) return { request, response, fault: undefined, json: undefined, durationMs };
    const { json, fault } = parseJsonBody(response);
    return { request, response, fault, json, durationMs };
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

  private roundTrip(request: RequestSpec, wantsJson: boolean): Promise<{ response?: ResponseData; fault?: Fault }> {
    const token = this.tokenFor(request);
    const url = new URL(request.url);
    for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
    let body: string | undefined;
    if (request.method === 'GET') {
      if (token !== undefined) url.searchParams.set('token', token);
    } else {
      const form = new URLSearchParams(request.form ?? {});
      if (token !== undefined) form.set('token', token);
      body = form.toString();
    }
    const isHttps = url.protocol === 'https:';
    const headers: Record<string, string> = { accept: 'application/json, text/html;q=0.9, */*;q=0.5' };
    if (this.options.referer) headers['referer'] = this.options.referer;
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const maxBytes = this.options.maxBodyBytes ?? 32 * 1024 * 1024;
    const keptBytes = wantsJson ? maxBytes : (this.options.keptTextBytes ?? KEPT_TEXT_BYTES);

    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: { response?: ResponseData; fault?: Fault }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const req = (isHttps ? https : http).request(
        url,
        { method: request.method, headers, agent: isHttps ? this.httpsAgent : this.httpAgent },
        (res) => {
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
      req.on('error', (error: NodeJS.ErrnoException) => finish({ fault: classifyError(error) }));
      req.end(body);
    });
  }
}
