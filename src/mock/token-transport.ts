import type { IncomingHttpHeaders } from 'node:http';
import type { Params } from './params.js';

function bearer(header: string | undefined): string | undefined {
  if (header === undefined || header.length < 8) return undefined;
  return header.slice(0, 7).toLowerCase() === 'bearer ' ? header.slice(7).trim() || undefined : undefined;
}

/**
 * The token a request carries, wherever ArcGIS accepts it: the `token` parameter (query string or
 * form body), `X-Esri-Authorization: Bearer <t>` or `Authorization: Bearer <t>`.
 */
export function presentedToken(headers: IncomingHttpHeaders, params: Params): string | undefined {
  const param = params.get('token');
  if (param) return param;
  const esri = headers['x-esri-authorization'];
  return bearer(Array.isArray(esri) ? esri[0] : esri) ?? bearer(headers.authorization);
}
