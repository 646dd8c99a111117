import { detectErrorEnvelope } from '../validation/envelope.js';
import { Transport } from './transport.js';

/** Why no token could be had: the server did not answer (exit 3), or refused the credentials (exit 2). */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    message: string,
    readonly unreachable: boolean,
  ) {
    super(message);
  }
}

export interface TokenRequest {
  readonly tokenUrl: string;
  readonly username: string;
  readonly password: string;
  /** Tokens are issued for this referer (sent as the Referer header by the transport too). */
  readonly referer: string;
  /** Minutes. */
  readonly expiration?: number;
}

/**
 * Exchanges a user name and password for a token at `generateToken` (form POST, `client=referer`).
 * Failures are `TokenError`s whose message never contains the password.
 *
 * @example
 * const token = await generateToken(transport, { tokenUrl, username: 'admin', password, referer: 'https://host' });
 */
export async function generateToken(transport: Transport, request: TokenRequest): Promise<string> {
  const exchange = await transport.send({
    method: 'POST',
    url: request.tokenUrl,
    query: {},
    form: {
      username: request.username,
      password: request.password,
      client: 'referer',
      referer: request.referer,
      expiration: String(request.expiration ?? 60),
      f: 'json',
    },
    auth: 'none',
    secretFields: ['password'],
  });
  if (!exchange.response) {
    throw new TokenError(
      `cannot reach the token URL ${request.tokenUrl}: ${exchange.fault?.message ?? 'no answer'}`,
      true,
    );
  }
  if (exchange.fault)
    throw new TokenError(`the token URL ${request.tokenUrl} did not answer JSON: ${exchange.fault.message}`, false);
  const envelope = detectErrorEnvelope(exchange.json);
  // a wrong context (/portal/admin) or a host that is not ArcGIS: not the credentials' fault
  if (exchange.response.status === 404 || envelope?.code === 404)
    throw new TokenError(
      `no ArcGIS admin API at ${request.tokenUrl} (generateToken answered 404): check the context in the URL`,
      false,
    );
  if (envelope) {
    throw new TokenError(
      `generateToken refused the credentials (code ${envelope.code ?? exchange.response.status}): ${envelope.messages.join(' ')}`,
      false,
    );
  }
  const token = (exchange.json as { token?: unknown } | null)?.token;
  if (typeof token !== 'string' || token === '') {
    throw new TokenError(
      `generateToken at ${request.tokenUrl} answered HTTP ${exchange.response.status} without a token`,
      false,
    );
  }
  return token;
}

/** How `obtainToken` connects: its timeout (default 10 s) and whether self-signed certificates are accepted. */
export interface TokenConnection {
  readonly timeoutMs?: number;
  readonly insecure?: boolean;
}

/**
 * The toolkit's one way to get a token for a user name and password: `generateToken` over a
 * transport of its own (the request's referer as `Referer`, the connection's timeout), closed
 * afterwards. Verify, pact verify, the contract suites and the benchmarks all call this.
 *
 * @example
 * const token = await obtainToken({ tokenUrl: mock.tokenUrl, ...mock.credentials, referer: mock.url });
 */
export async function obtainToken(request: TokenRequest, connection: TokenConnection = {}): Promise<string> {
  const transport = new Transport({
    timeoutMs: connection.timeoutMs ?? 10_000,
    maxSockets: 1,
    insecure: connection.insecure ?? false,
    referer: request.referer,
  });
  try {
    return await generateToken(transport, request);
  } finally {
    transport.close();
  }
}
