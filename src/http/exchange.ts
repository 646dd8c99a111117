/** How a request is authenticated: with the run's token, with none, or with a token that cannot be valid. */
export type AuthMode = 'token' | 'none' | 'invalid';

/** A token no server can have issued, sent by the auth-invalid probes. Not a secret. */
export const INVALID_TOKEN = 'tasks-contract-invalid-token';

/**
 * One request as the engine describes it, without any secret: the transport adds the token
 * (query on GET, form field on POST) when `auth` is `token`.
 */
export interface RequestSpec {
  readonly method: 'GET' | 'POST';
  /** Absolute URL without a query string. */
  readonly url: string;
  readonly query: Readonly<Record<string, string>>;
  /** Form fields of a POST (`application/x-www-form-urlencoded`). */
  readonly form?: Readonly<Record<string, string>>;
  readonly auth: AuthMode;
  /** Form fields holding secrets that reproduction commands must not show (e.g. a probe's passcode). */
  readonly secretFields?: readonly string[];
}

/** What went wrong on the way, when no usable answer came. */
export type FaultKind =
  | 'refused'
  | 'reset'
  | 'timeout'
  | 'tls'
  | 'dns'
  | 'network'
  | 'non-json'
  | 'html-login-page'
  | 'redirect'
  | 'empty-body'
  | 'too-large'
  | 'too-deep';

export interface TransportFault {
  readonly kind: FaultKind;
  readonly message: string;
}

export interface ResponseData {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The reason phrase (`OK`), the HTTP version (`1.1`) and the headers as sent, name and value alternating. */
  readonly statusText?: string;
  readonly httpVersion?: string;
  readonly rawHeaders?: readonly string[];
}

/** A request and what came back: a response, a connection-level fault, or both (a body that is not JSON). */
export interface RoundTrip {
  readonly request: RequestSpec;
  readonly response: ResponseData | undefined;
  /** Connection faults (no response) or body faults (a response that is not the JSON asked for). */
  readonly fault: TransportFault | undefined;
  /** The parsed body, when JSON was asked for and came. */
  readonly json: unknown;
  readonly durationMs: number;
}

/** The URL as reports show it: the query string (never with a token), no form body. */
export function displayUrl(request: RequestSpec): string {
  const query = new URLSearchParams(request.query).toString();
  return query ? `${request.url}?${query}` : request.url;
}
