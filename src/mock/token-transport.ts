import { DEFAULT_TOKENS, type TokenPlacements } from '../contract/tokens.js';
import type { TokenTransport } from './journal/recorded-request.js';
import type { Params } from './params.js';

/** The token a request carries and where it travelled: parsed once, read by authentication and the journal. */
export interface PresentedToken {
  readonly token: string | undefined;
  readonly transport: TokenTransport;
}

/**
 * The token a request carries and where it came from, where the contract's security schemes put it
 * (`contract.tokens`: the `token` parameter, the form body winning over the query string, then the
 * bearer headers in the spec's order). `params` holds query and form together, `form` the body alone.
 *
 * @example
 * tokenSource(new Map([['token', 't0k3n']]), new Map(), () => undefined); // { token: 't0k3n', transport: 'query' }
 */
export function tokenSource(
  params: Params,
  form: Params,
  header: (name: string) => string | undefined,
  tokens: TokenPlacements = DEFAULT_TOKENS,
): PresentedToken {
  return tokens.find({
    form: (name) => form.get(name) || undefined,
    query: (name) => params.get(name) || undefined,
    header,
  });
}
