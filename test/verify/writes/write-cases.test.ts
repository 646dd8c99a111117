import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadContractCached } from '../../../src/contract/load.js';
import { obtainToken } from '../../../src/http/token-client.js';
import { type RunningMock, startMockServer } from '../../../src/mock/index.js';
import { verify } from '../../../src/verify/engine.js';
import type { VerifyOutcome } from '../../../src/verify/outcome.js';
import { type ProxyHooks, startProxy } from '../helpers/proxy.js';

// --allow-writes cases against the mock (a correct server: zero findings), and against a proxy in
// front of it that breaks one rule each: every one is caught. Kept apart from the read defects.

let mock: RunningMock;
let token: string;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1', clock: Date.now() });
  token = await obtainToken({ tokenUrl: mock.tokenUrl, ...mock.credentials, referer: mock.url });
});
afterAll(() => mock.close());

async function taskIds(): Promise<string[]> {
  const response = await fetch(`${mock.adminUrl}/system/tasks?f=json&token=${encodeURIComponent(token)}`);
  const body = (await response.json()) as { result: { taskId: string }[] };
  return body.result.map((task) => task.taskId).sort();
}

async function verifyThrough(hooks?: ProxyHooks, writeCases = 80): Promise<VerifyOutcome> {
  const proxy = hooks ? await startProxy(mock.url, hooks) : undefined;
  try {
    const baseUrl = proxy ? `${proxy.url}/arcgis/admin` : mock.adminUrl;
    return await verify({
      contract: await loadContractCached(),
      baseUrl,
      token,
      allowWrites: true,
      writeCases,
      seed: 7,
      timeoutMs: 20_000,
    });
  } finally {
    await proxy?.close();
  }
}

const writeFindings = (outcome: VerifyOutcome) =>
  outcome.findings.filter((f) => f.check === 'write-refusal' || f.check === 'write-acceptance');

describe('verify --allow-writes cases', () => {
  it('finds nothing on the mock, runs every case, and leaves the task list as it began', async () => {
    const before = await taskIds();
    const outcome = await verifyThrough();
    expect(outcome.findings).toEqual([]);
    expect(outcome.meta.writes).toMatchObject({ seed: 7, chain: true, ledgerRemoved: true, interrupted: false });
    expect(outcome.meta.writes!.negative).toBeGreaterThan(30);
    expect(outcome.meta.writes!.positive).toBeGreaterThan(30);
    expect(outcome.meta.release).toEqual({ profile: '11.4', from: 'site' });
    const passed = (check: string) => outcome.tally.filter((r) => r.check === check).reduce((n, r) => n + r.passed, 0);
    expect(passed('write-refusal')).toBeGreaterThan(30);
    expect(passed('write-acceptance')).toBeGreaterThan(60);
    expect(await taskIds()).toEqual(before);
  });
});
