import type { ServerResponse } from 'node:http';
import { type ErrorStatusMode, httpStatusOf, type MockFailure, toEnvelope } from './failure.js';
import type { ResponseFormat } from './format.js';
import { type HtmlPageSpec, renderHtmlPage } from './html-page.js';
import { JsonText } from './json-text.js';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

/** A successful answer: the value, its compact JSON when it is cached, and how to show it as a page. */
export interface Document {
  readonly kind: 'document';
  readonly value: unknown;
  readonly json?: Buffer | JsonText;
  /** Built only for `f=html`. */
  readonly page: () => Omit<HtmlPageSpec, 'value'>;
}

export type Outcome = Document | MockFailure;

export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: Buffer | string | JsonText,
  headers?: Readonly<Record<string, string>>,
): void {
  const length =
    body instanceof JsonText ? body.bytes : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  res.writeHead(
    status,
    headers
      ? { ...headers, 'Content-Type': contentType, 'Content-Length': length }
      : { 'Content-Type': contentType, 'Content-Length': length },
  );
  res.end(body instanceof JsonText ? body.text : body);
}

/** A document in the asked format: compact JSON (from the cache when there is one), pretty JSON, or the HTML page. */
export function sendDocument(res: ServerResponse, doc: Document, format: ResponseFormat, adminRoot: string): void {
  if (format === 'json') send(res, 200, JSON_TYPE, doc.json ?? JSON.stringify(doc.value));
  else if (format === 'pjson') send(res, 200, JSON_TYPE, JSON.stringify(doc.value, null, 2));
  else send(res, 200, HTML_TYPE, renderHtmlPage(adminRoot, { ...doc.page(), value: doc.value }));
}

/**
 * The portal error envelope, always JSON (pretty for `f=pjson`): clients parse errors, and the
 * contract documents only JSON for error statuses. HTTP 200 or the code, per `errorStatus`.
 */
export function sendFailure(
  res: ServerResponse,
  f: MockFailure,
  mode: ErrorStatusMode,
  format: ResponseFormat | undefined,
): void {
  const envelope = toEnvelope(f);
  const body = format === 'pjson' ? JSON.stringify(envelope, null, 2) : JSON.stringify(envelope);
  const headers: Record<string, string> = { ...f.headers };
  if (f.transport) headers['Connection'] = 'close';
  send(res, httpStatusOf(f, mode), JSON_TYPE, body, headers);
}
