import { detectErrorEnvelope } from '../validation/envelope.js';
import type { Transport } from './transport.js';

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
