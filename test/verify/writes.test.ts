import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { loadContractCached } from '../../src/contract/load.js';
import { obtainToken } from '../../src/http/token-client.js';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import { verify } from '../../src/verify/engine.js';
import type { VerifyOutcome } from '../../src/verify/outcome.js';
import { PROBE_PREFIX } from '../../src/verify/writes.js';
import { type ProxyHooks, startProxy } from './helpers/proxy.js';
import { failedChecks } from './helpers/verify-seed.js';

// --allow-writes against the embedded mock, and against a proxy in front of it that breaks one thing.

let mock: RunningMock;
let token: string;
beforeEach(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1', clock: Date.now() });
  token = await obtainToken({ tokenUrl: mock.tokenUrl, ...mock.credentials, referer: mock.url });
});
afterEach(() => mock.close());

/** id -> taskState and title, as the mock holds them. */
async function tasksOf(): Promise<Map<string, string>> {
  const response = await fetch(`${mock.adminUrl}/system/tasks?f=json&token=${encodeURIComponent(token)}`);
  const body = (await response.json()) as { result: { taskId: string; taskState: string; taskTitle: string }[] };
  return new Map(body.result.map((task) => [task.taskId, `${task.taskState} ${task.taskTitle}`]));
}

async function verifyThrough(hooks?: ProxyHooks): Promise<VerifyOutcome> {
  const proxy = hooks ? await startProxy(mock.url, hooks) : undefined;
  try {
    const baseUrl = proxy ? `${proxy.url}/arcgis/admin` : mock.adminUrl;
    return await verify({ contract: await loadContractCached(), baseUrl, token, allowWrites: true, timeoutMs: 30_000 });
  } finally {
    await proxy?.close();
  }
}

const json = (body: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });

describe('verify --allow-writes', () => {
  it('passes on the mock, and leaves every task as it found it (the probe task is gone)', async () => {
    const before = await tasksOf();
    const outcome = await verifyThrough();
    expect(outcome.findings).toEqual([]);
    expect(outcome.tally.some((row) => row.check === 'write-effect' && row.passed > 0)).toBe(true);
    const after = await tasksOf();
    expect(after).toEqual(before);
    expect([...after.values()].some((v) => v.includes(PROBE_PREFIX))).toBe(false);
  });

  it('catches a disable that does nothing (write-effect)', async () => {
    const outcome = await verifyThrough({
      intercept: (r) => (r.path.endsWith('/disable') ? json({ status: 'success' }) : undefined),
    });
    expect(failedChecks(outcome)).toEqual(['write-effect']);
    expect(outcome.findings.find((f) => f.check === 'write-effect')?.pointer).toBe('/taskState');
  });

  it('catches a task that is not deleted (write-effect), and a write answered with an error envelope', async () => {
    const outcome = await verifyThrough({
      intercept: (r) =>
        r.path.endsWith('/delete') ? json({ status: 'error', messages: ['Cannot delete.'], code: 500 }) : undefined,
    });
    expect(failedChecks(outcome)).toEqual(['error-envelope', 'write-effect']);
    expect(outcome.findings.find((f) => f.check === 'write-effect')?.message).toMatch(/still readable/);
    // the mock keeps the probe task here (the proxy swallowed the delete): it is the only one, and clearly named
    const left = [...(await tasksOf()).values()].filter((v) => v.includes(PROBE_PREFIX));
    expect(left).toHaveLength(1);
  });

  it('restores the original state even when a check fails between the toggles', async () => {
    const before = await tasksOf();
    let disabled = false;
    const outcome = await verifyThrough({
      intercept: (r) => {
        if (r.path.endsWith('/disable')) disabled = true;
        // the first read after a disable fails: the round trip must still put the task back
        if (disabled && r.method === 'GET' && /\/system\/tasks\/[0-9a-f]{32}$/.test(r.path)) {
          disabled = false;
          return {
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({ status: 'error', messages: ['boom'], code: 500 }),
          };
        }
        return undefined;
      },
    });
    expect(failedChecks(outcome)).toEqual(['http-status']);
    expect(await tasksOf()).toEqual(before);
  });

  it('catches the passcode it sent coming back in plaintext, and never shows it', async () => {
    let sent: string | undefined;
    const outcome = await verifyThrough({
      intercept: (r) => {
        if (r.path.endsWith('/createTask'))
          sent = (JSON.parse(r.form.get('parameters') ?? '{}') as { passcode?: string }).passcode;
        return undefined;
      },
      transform: (r, answer) =>
        sent && r.method === 'GET' && answer.body.includes('{crypt}') && answer.body.includes(PROBE_PREFIX)
          ? { ...answer, body: answer.body.replace(/\{crypt\}[^"]*/, sent) }
          : answer,
    });
    expect(sent).toBeDefined();
    expect(failedChecks(outcome)).toEqual(['invariants', 'secrets']);
    expect(JSON.stringify(outcome)).not.toContain(sent!);
  });
});
