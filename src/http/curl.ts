/** What a reproduction command needs to know of a request; secrets are never part of it. */
export interface CurlRequest {
  readonly method: 'GET' | 'POST';
  /** Absolute URL without a query string. */
  readonly url: string;
  readonly query: Readonly<Record<string, string>>;
  readonly form?: Readonly<Record<string, string>>;
  /** `token`: the token goes where the transport puts it, written `$TOKEN`; `invalid`: this literal token. */
  readonly auth: 'token' | 'none' | 'invalid';
  readonly invalidToken?: string;
  /** Form fields whose values are secrets: shown as a placeholder to fill in. */
  readonly secretFields?: readonly string[];
}

/** Single-quotes a literal for POSIX shells ('it'\''s'). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const TOKEN_VARIABLE = '"$TOKEN"';

/**
 * A curl command that reproduces the request. The token is the shell variable `$TOKEN` (in the
 * query on GET, in the form body on POST), so the command can be pasted into a ticket as it is.
 *
 * @example
 * curlCommand({ method: 'GET', url: 'https://h/arcgis/admin/system/tasks', query: { f: 'json' }, auth: 'token' })
 * // curl -sS 'https://h/arcgis/admin/system/tasks?f=json&token='"$TOKEN"
 */
export function curlCommand(request: CurlRequest): string {
  const query = new URLSearchParams(request.query);
  if (request.method === 'GET') {
    if (request.auth === 'invalid') query.set('token', request.invalidToken ?? 'invalid');
    const text = query.toString();
    const url = text ? `${request.url}?${text}` : request.url;
    if (request.auth === 'token') return `curl -sS ${shellQuote(`${url}${text ? '&' : '?'}token=`)}${TOKEN_VARIABLE}`;
    return `curl -sS ${shellQuote(url)}`;
  }
  const text = query.toString();
  const parts = ['curl -sS -X POST', shellQuote(text ? `${request.url}?${text}` : request.url)];
  const secret = new Set(request.secretFields ?? []);
  for (const [name, value] of Object.entries(request.form ?? {})) {
    parts.push('--data-urlencode', shellQuote(`${name}=${secret.has(name) ? maskSecretField(value) : value}`));
  }
  if (request.auth === 'token') parts.push('--data-urlencode', `${shellQuote('token=')}${TOKEN_VARIABLE}`);
  if (request.auth === 'invalid')
    parts.push('--data-urlencode', shellQuote(`token=${request.invalidToken ?? 'invalid'}`));
  return parts.join(' ');
}

/** A secret form field as a placeholder; JSON text keeps its shape with every `passcode` replaced. */
function maskSecretField(value: string): string {
  try {
    const parsed: unknown = JSON.parse(value);
    return JSON.stringify(parsed, (key, inner: unknown) => (key === 'passcode' ? 'CHANGE-ME-passcode' : inner));
  } catch {
    return 'CHANGE-ME';
  }
}
