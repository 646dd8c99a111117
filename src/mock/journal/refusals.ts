import type { Difference } from './recorded-request.js';

/**
 * The client mistakes that stop a request before any operation takes it (which makes it
 * unmatched), as the differences its near miss lists.
 */
export const REFUSALS = {
  urlTooLong: (length: number, limit: number): Difference => ({
    what: 'url-length',
    expected: `at most ${limit} characters`,
    actual: `${length} characters`,
    message: `the URL has ${length} characters, the limit is ${limit}`,
  }),
  notAForm: (contentType: string, formType: string): Difference => ({
    what: 'content-type',
    expected: formType,
    actual: contentType || 'none',
    message: `the body is ${contentType || 'of no content type'}, not ${formType}`,
  }),
  bodyTooLarge: (limit: number): Difference => ({
    what: 'body-size',
    expected: `at most ${limit} bytes`,
    actual: `more than ${limit} bytes`,
    message: `the body exceeds ${limit} bytes`,
  }),
  bodyCut: (): Difference => ({
    what: 'http',
    expected: 'a complete body',
    actual: 'a body cut short',
    message: 'the body could not be read to its end',
  }),
  malformedEncoding: (): Difference => ({
    what: 'encoding',
    expected: 'URL-encoded parameters',
    actual: 'a malformed %-escape',
    message: 'the parameters hold a malformed %-escape',
  }),
  tooDeep: (limit: number): Difference => ({
    what: 'json-depth',
    expected: `JSON nested at most ${limit} levels`,
    actual: `deeper than ${limit} levels`,
    message: `a field's JSON nests deeper than ${limit} levels`,
  }),
  wrongFormat: (f: string): Difference => ({
    what: 'f',
    expected: 'html, json or pjson',
    actual: f,
    message: `f is "${f}", the operation takes html, json or pjson`,
  }),
  noToken: (): Difference => ({
    what: 'token',
    expected: 'a token',
    actual: 'none',
    message: 'no token was sent (token parameter, X-Esri-Authorization or Authorization: Bearer)',
  }),
  /** Node refused it while reading the request line or headers. */
  brokenHttp: (status: number, reason: string): Difference => ({
    what: status === 431 ? 'headers' : 'http',
    expected: status === 431 ? 'headers node accepts (16 KiB in all)' : 'a complete HTTP/1.1 request',
    actual: reason,
    message: `node refused the request: ${reason}`,
  }),
} as const;
