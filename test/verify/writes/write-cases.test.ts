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

  /** A proxy that rewrites one kind of request into a valid one before the mock sees it: the server "accepts" what it must refuse. */
  const accepting = (
    matches: (path: string, form: URLSearchParams) => boolean,
    answer: (path: string) => unknown,
  ): ProxyHooks => ({
    intercept: (r) =>
      r.method === 'POST' && matches(r.path, r.form)
        ? { status: 200, contentType: 'application/json', body: JSON.stringify(answer(r.path)) }
        : undefined,
  });
  const passcodeOf = (form: URLSearchParams) => {
    try {
      return (JSON.parse(form.get('parameters') ?? '{}') as { passcode?: string }).passcode;
    } catch {
      return undefined;
    }
  };

  it.each([
    [
      'a 7-character passcode',
      accepting(
        (path, form) => path.endsWith('/createTask') && passcodeOf(form)?.length === 7,
        () => ({ status: 'success', taskId: 'f'.repeat(32) }),
      ),
      /passcode shorter than 8 characters: the server accepted it/,
    ],
    [
      'createTask without hour',
      accepting(
        (path, form) => path.endsWith('/createTask') && !form.has('hour'),
        () => ({ status: 'success', taskId: 'e'.repeat(32) }),
      ),
      /hour missing \(required\): the server accepted it/,
    ],
    [
      'an unknown run status',
      accepting(
        (path, form) => /\/runs\/[^/]+\/update$/.test(path) && form.get('status') === 'finished-maybe',
        () => ({ status: 'success' }),
      ),
      /status is not a run status: the server accepted it/,
    ],
    [
      'endDate before startDate',
      accepting(
        (path, form) =>
          path.endsWith('/createTask') && Number(form.get('endDate')) < Number(form.get('startDate') ?? 0),
        () => ({ status: 'success', taskId: 'd'.repeat(32) }),
      ),
      /endDate before startDate: the server accepted it/,
    ],
    [
      'a task that changes its type',
      accepting(
        (path, form) => path.endsWith('/update') && form.get('type') === 'CleanGPJobs',
        () => ({ status: 'success' }),
      ),
      /a task keeps its type: the server accepted it/,
    ],
  ])('catches a server that accepts %s', async (_label, hooks, message) => {
    const before = await taskIds();
    const outcome = await verifyThrough(hooks, 12);
    const found = writeFindings(outcome);
    expect(found.map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    expect(found.every((f) => f.curl.startsWith('curl -sS -X POST'))).toBe(true);
    expect(await taskIds()).toEqual(before);
  });

  it('catches an edit that is answered with success but ignored', async () => {
    const outcome = await verifyThrough(
      accepting(
        (path, form) =>
          path.endsWith('/update') && !path.includes('/runs/') && (form.get('title') ?? '').endsWith('-edited'),
        () => ({ status: 'success' }),
      ),
      1,
    );
    const found = writeFindings(outcome);
    expect(found.some((f) => f.check === 'write-acceptance' && f.pointer === '/taskTitle')).toBe(true);
  });

  it('catches a server that refuses a valid Quartz form (L)', async () => {
    const refusing = await verifyThrough(
      accepting(
        (path, form) => path.endsWith('/createTask') && form.get('dayOfMonth') === 'L',
        () => ({ error: { code: 400, message: 'Unable to create task.', details: [] } }),
      ),
      80,
    );
    expect(writeFindings(refusing).map((f) => f.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/last day of the month \(L\): a valid form was refused/)]),
    );
  });
});
