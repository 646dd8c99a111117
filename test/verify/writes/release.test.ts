import { afterEach, describe, expect, it } from '@jest/globals';
import { loadContractCached } from '../../../src/contract/load.js';
import { obtainToken } from '../../../src/http/token-client.js';
import { type MockOptions, type RunningMock, startMockServer } from '../../../src/mock/index.js';
import { verify } from '../../../src/verify/engine.js';
import type { VerifyOutcome } from '../../../src/verify/outcome.js';

// verify judges a site by its release: the admin root's currentVersion, or --release.

let mock: RunningMock | undefined;
afterEach(() => mock?.close());

async function verifyMock(options: MockOptions, release?: string, allowWrites = true): Promise<VerifyOutcome> {
  mock = await startMockServer({ port: 0, host: '127.0.0.1', clock: Date.now(), ...options });
  const token = await obtainToken({ tokenUrl: mock.tokenUrl, ...mock.credentials, referer: mock.url });
  return verify({
    contract: await loadContractCached(),
    baseUrl: mock.adminUrl,
    token,
    allowWrites,
    writeCases: 80,
    seed: 11,
    timeoutMs: 20_000,
    ...(release ? { release } : {}),
  });
}

describe('verify by release', () => {
  it('an 11.3 site that refuses CreateHealthCheckReports is right', async () => {
    const outcome = await verifyMock({ release: '11.3' });
    expect(outcome.meta.release).toEqual({ profile: '11.3', from: 'site' });
    expect(outcome.findings).toEqual([]);
  });

  it('an 11.4 site judged as 11.3 (--release) is caught creating CreateHealthCheckReports', async () => {
    const outcome = await verifyMock({}, '11.3');
    expect(outcome.meta.release).toEqual({ profile: '11.3', from: 'option' });
    expect(outcome.findings.map((f) => f.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/type CreateHealthCheckReports before 11.4 .*accepted it/)]),
    );
  });

  it('an 11.3 site judged as 11.4 (--release) is caught refusing a valid CreateHealthCheckReports', async () => {
    const outcome = await verifyMock({ release: '11.3' }, '11.4');
    expect(
      outcome.findings.some((f) => f.check === 'write-acceptance' && /CreateHealthCheckReports/.test(f.message)),
    ).toBe(true);
  });

  it('judges an unknown newer release by the newest profile, with a warning', async () => {
    const outcome = await verifyMock({ siteVersion: '12.1' });
    expect(outcome.meta.release).toMatchObject({ profile: '11.4', from: 'site' });
    expect(outcome.meta.release?.warning).toMatch(/12.1 is newer/);
    expect(outcome.findings).toEqual([]);
  });

  it('documents are judged by the contract as of the release: an 11.3 site holding a CreateHealthCheckReports task is caught', async () => {
    // the mock plays 11.4 (it holds such tasks) and is judged as 11.3, reads only
    const outcome = await verifyMock({}, '11.3', false);
    const typeFindings = outcome.findings.filter(
      (f) => f.check === 'response-schema' && /taskType$/.test(f.pointer ?? ''),
    );
    expect(typeFindings.length).toBeGreaterThan(0);
    expect(new Set(typeFindings.map((f) => f.actual))).toEqual(new Set(['CreateHealthCheckReports']));
  });

  it('a mock asked to play 11.3 holds only the task types an 11.3 site can hold', async () => {
    mock = await startMockServer({ port: 0, host: '127.0.0.1', clock: Date.now(), release: '11.3' });
    const state = (await (await fetch(`${mock.url}/__mock/state`)).json()) as { tasks: { taskType: string }[] };
    expect(state.tasks.length).toBeGreaterThan(0);
    expect(state.tasks.map((t) => t.taskType)).not.toContain('CreateHealthCheckReports');
  });
});
