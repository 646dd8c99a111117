import type { Entry, Har, Header, QueryString } from 'har-format';
import type { WireExchange } from '../http/wire.js';
import { headerPairs, walkJson } from '../redaction/index.js';
import { type CaptureRedaction, cookiePairs } from './capture-redaction.js';

/** The name and version a HAR file says made it. */
export interface HarCreator {
  readonly name: string;
  readonly version: string;
}

function queryOf(url: string): QueryString[] {
  const at = url.indexOf('?');
  return at === -1 ? [] : [...new URLSearchParams(url.slice(at + 1))].map(([name, value]) => ({ name, value }));
}

function headerValue(headers: readonly Header[], name: string): string | undefined {
  return headers.find((header) => header.name.toLowerCase() === name)?.value;
}

/**
 * One exchange as a HAR 1.2 entry, redacted as it is captured: nothing of the wire exchange reaches
 * the entry except through `capture` (URL, headers, cookies, form body, response body). A connection
 * fault (no response) is an entry with status 0 and the fault in `_error`, as browsers write them.
 *
 * @example entries.push(harEntry(wire, capture));
 */
export function harEntry(wire: WireExchange, capture: CaptureRedaction): Entry {
  const url = capture.url(wire.request.url);
  const requestHeaders = capture.headers(
    Object.entries(wire.request.headers).map(([name, value]) => ({ name, value })),
  );
  const body = wire.request.body === undefined ? undefined : capture.params(wire.request.body);
  const response = wire.response;
  const responseHeaders = capture.headers(headerPairs(response?.rawHeaders));
  const text = response ? capture.body(response.text) : '';
  const entry: Entry = {
    startedDateTime: wire.startedDateTime,
    time: Math.max(0, wire.time),
    request: {
      method: wire.request.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: cookiePairs(headerValue(requestHeaders, 'cookie') ?? ''),
      headers: requestHeaders,
      queryString: queryOf(url),
      ...(body === undefined
        ? {}
        : {
            postData: {
              mimeType: headerValue(requestHeaders, 'content-type') ?? 'application/x-www-form-urlencoded',
              text: body,
            },
          }),
      headersSize: -1,
      bodySize: body === undefined ? 0 : Buffer.byteLength(body),
    },
    response: {
      status: response?.status ?? 0,
      statusText: response?.statusText ?? '',
      httpVersion: response?.httpVersion ? `HTTP/${response.httpVersion}` : 'HTTP/1.1',
      cookies: responseHeaders
        .filter((header) => header.name.toLowerCase() === 'set-cookie')
        .map((header) => cookiePairs(header.value)[0] ?? { name: '', value: '' }),
      headers: responseHeaders,
      content: { size: Buffer.byteLength(text), mimeType: response?.contentType || 'x-unknown', text },
      redirectURL: headerValue(responseHeaders, 'location') ?? '',
      headersSize: -1,
      bodySize: response ? Buffer.byteLength(text) : -1,
    },
    cache: {},
    timings: { send: 0, wait: Math.max(0, wire.time), receive: 0 },
    ...(wire.fault ? { _error: wire.fault.message } : {}),
  };
  return entry;
}

/** A HAR 1.2 log of entries. */
export function harLog(entries: Entry[], creator: HarCreator): Har {
  return { log: { version: '1.2', creator: { ...creator }, entries } };
}

/**
 * Every string and key of a JSON-like value passed through `rewrite` (the recording's last pass:
 * ids and secrets learned late), by the redaction module's one bounded walk.
 */
export function rewriteStrings<T>(value: T, rewrite: (text: string) => string): T {
  return walkJson(value, { text: rewrite, key: rewrite }) as T;
}
