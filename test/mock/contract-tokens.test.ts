// The mock reads the token where the contract's security schemes put it (contract.tokens), not where
// a copy of ArcGIS's rules says: a spec that renames the token parameter and drops a header scheme is
// served so.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse, stringify } from 'yaml';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import { obtainToken } from '../../src/http/token-client.js';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';

let mock: RunningMock;
let token: string;

beforeAll(async () => {
  // biome-ignore lint/suspicious/noExplicitAny: the YAML spec, edited in place
  const spec = parse(await readFile(defaultSpecPath(), 'utf8')) as any;
  spec.components.securitySchemes.tokenQuery.name = 'access_token';
  delete spec.components.securitySchemes.esriAuthorization;
  spec.security = spec.security.filter((s: object) => !('esriAuthorization' in s));
  const file = join(await mkdtemp(join(tmpdir(), 'contract-tokens-')), 'openapi.yaml');
  await writeFile(file, stringify(spec));
  mock = await startMockServer({ port: 0, host: '127.0.0.1', specPath: file, clock: Date.now() });
  token = await obtainToken({ tokenUrl: mock.tokenUrl, ...mock.credentials, referer: mock.url });
});

afterAll(async () => {
  await mock?.close();
});

/** The ArcGIS error code of an answer, or 0 for a document. */
async function codeOf(query: string, headers: Record<string, string> = {}): Promise<number> {
  const answer = await fetch(`${mock.adminUrl}/system/tasks?f=json${query}`, { headers });
  const body = (await answer.json()) as { error?: { code: number } };
  return body.error?.code ?? 0;
}

describe('a mock of a spec whose token parameter is access_token, without the X-Esri-Authorization scheme', () => {
  it('takes the token as access_token', async () => {
    expect(await codeOf(`&access_token=${token}`)).toBe(0);
  });

  it('does not take it as token, nor in the dropped header', async () => {
    expect(await codeOf(`&token=${token}`)).toBe(499);
    expect(await codeOf('', { 'X-Esri-Authorization': `Bearer ${token}` })).toBe(499);
  });

  it('still takes the bearer header the spec keeps', async () => {
    expect(await codeOf('', { Authorization: `Bearer ${token}` })).toBe(0);
  });
});
