import type { TokenTransport } from './journal/recorded-request.js';
import type { Params } from './params.js';

/** The token a request carries and where it travelled: parsed once, read by authentication and the journal. */
export interface PresentedToken {
  readonly token: string | undefined;
  readonly transport: TokenTransport;
}

function bearer(header: string | undefined): string | undefined {
  if (header === undefined || header.length < 8) return undefined;
  return header.slice(0, 7).toLowerCase() === 'bearer ' ? header.slice(7).trim() || undefined : undefined;
}

/**
 * The token a request carries and where it came from, in the order ArcGIS looks: the `token`
 * parameter (the form body wins over the query string), then `X-Esri-Authorization: Bearer <t>`,
 * then `Authorization: Bearer <t>`. `params` holds query and form together, `form` the body alone.
 *
 * @example
 * tokenSource(new Map([['token', 't0k3n']]), new Map(), () => undefined); // { token: 't0k3n', transport: 'query' }
 */
export function tokenSource(
  params: Params,
  form: Params,
  header: (name: 'x-esri-authorization' | 'authorization') => string | undefined,
): PresentedToken {
  const param = params.get('token');
  if (param) return { token: param, transport: form.has('token') ? 'form' : 'query' };
  const esri = bearer(header('x-esri-authorization'));
  if (esri) return { token: esri, transport: 'x-esri-authorization' };
  const authorization = bearer(header('authorization'));
  return authorization ? { token: authorization, transport: 'authorization' } : { token: undefined, transport: 'none' };
}
