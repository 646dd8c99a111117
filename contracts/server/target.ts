import { loadContractCached } from '../../src/contract/load.js';
import { obtainToken } from '../../src/http/token-client.js';
import { startMockServer } from '../../src/mock/index.js';
import { ApiMap } from '../../src/verify/api-map.js';

/** The server the contract suites check, and how to reach it. */
export interface ContractTarget {
  /** The admin root, e.g. https://host/arcgis/admin. */
  readonly adminUrl: string;
  readonly token: string;
  /** True for the in-process embedded mock. */
  readonly embedded: boolean;
  close(): Promise<void>;
}

/**
 * `CONTRACT_BASE_URL` (with `TASKS_CONTRACT_TOKEN`, or `TASKS_CONTRACT_USERNAME` and
 * `TASKS_CONTRACT_PASSWORD`) names a real server; without it, the embedded mock starts in-process
 * on a free port.
 */
export async function contractTarget(env: NodeJS.ProcessEnv = process.env): Promise<ContractTarget> {
  const baseUrl = env['CONTRACT_BASE_URL'];
  if (!baseUrl) {
    const mock = await startMockServer({ port: 0, host: '127.0.0.1', clock: Date.now() }); // nothing fires mid-suite
    const token = await tokenFor(mock.adminUrl, mock.credentials.username, mock.credentials.password, mock.tokenUrl);
    return { adminUrl: mock.adminUrl, token, embedded: true, close: () => mock.close() };
  }
  const adminUrl = baseUrl.replace(/\/+$/, '');
  const token = env['TASKS_CONTRACT_TOKEN'];
  if (token) return { adminUrl, token, embedded: false, close: async () => {} };
  const username = env['TASKS_CONTRACT_USERNAME'];
  const password = env['TASKS_CONTRACT_PASSWORD'];
  if (!username || !password)
    throw new Error(
      'CONTRACT_BASE_URL needs TASKS_CONTRACT_TOKEN, or TASKS_CONTRACT_USERNAME and TASKS_CONTRACT_PASSWORD',
    );
  return {
    adminUrl,
    token: await tokenFor(adminUrl, username, password, env['CONTRACT_TOKEN_URL']),
    embedded: false,
    close: async () => {},
  };
}

async function tokenFor(adminUrl: string, username: string, password: string, tokenUrl?: string): Promise<string> {
  const url = tokenUrl ?? new ApiMap(await loadContractCached(), adminUrl).tokenUrl();
  if (!url) throw new Error(`cannot derive the token URL from ${adminUrl}; set CONTRACT_TOKEN_URL`);
  return obtainToken({ tokenUrl: url, username, password, referer: new URL(adminUrl).origin });
}
