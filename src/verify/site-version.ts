import type { Transport } from '../http/transport.js';
import { detectErrorEnvelope } from '../validation/envelope.js';

/** What the admin root says of the site. */
export interface SiteInfo {
  /** `currentVersion` as text (`11.4`; some releases send a number such as 10.91). */
  readonly version: string | undefined;
  /** `fullVersion` (`11.4.0.6062`), when the root sends it. */
  readonly fullVersion?: string;
}

function asVersion(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

/**
 * Reads the site's version from the admin root (`GET <admin root>?f=json`, with the run's token):
 * `currentVersion`, and `fullVersion` when present. A root that does not answer, or answers
 * something else, gives an unknown version, never an error: the root is outside the contract.
 *
 * @example (await readSiteInfo(transport, 'https://host/arcgis/admin')).version // '11.4'
 */
export async function readSiteInfo(transport: Transport, adminRoot: string): Promise<SiteInfo> {
  const exchange = await transport.send({ method: 'GET', url: adminRoot, query: { f: 'json' }, auth: 'token' });
  const body = exchange.fault ? undefined : exchange.json;
  if (body === null || typeof body !== 'object' || detectErrorEnvelope(body)) return { version: undefined };
  const record = body as Record<string, unknown>;
  const fullVersion = asVersion(record['fullVersion']);
  return { version: asVersion(record['currentVersion']), ...(fullVersion ? { fullVersion } : {}) };
}
