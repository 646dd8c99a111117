import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import { obtainToken } from '../../src/http/token-client.js';
import { type RunningMock, type RunningPrism, startMockServer, startPrism } from '../../src/mock/index.js';

// Real Prism's validation proxy (`prism proxy --errors`) on the contract, in front of the embedded
// mock: it checks every request and answer against the spec. Official clients such as ArcGIS REST JS
// POST their reads with the token in the form body; the contract must let them through.

let mock: RunningMock;
let prism: RunningPrism;
let token = '';
let taskId = '';
let runId = '';

beforeAll(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1' });
  prism = await startPrism({
    specPath: defaultSpecPath(),
    port: 0,
    host: '127.0.0.1',
    context: 'arcgis',
    stdio: 'ignore',
    // Prism takes seconds to start, far more on a busy machine (the CLI waits as long)
    startTimeoutMs: 120_000,
    upstream: mock.url,
  });
  token = await obtainToken({ tokenUrl: prism.tokenUrl, ...mock.credentials, referer: mock.url });
  const state = (await (await fetch(`${mock.url}/__mock/state`)).json()) as {
    runs: Record<string, { runId: string }[]>;
  };
  const [id, runs] = Object.entries(state.runs).find(([, list]) => list.length > 0)!;
  taskId = id;
  runId = runs[0]!.runId;
});
afterAll(async () => {
  await prism?.close();
  await mock?.close();
});

const post = (path: string, fields: Record<string, string>) =>
  fetch(`${prism.adminUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

describe("Prism's validation proxy in front of the mock", () => {
  it.each([
    ['the task list', () => '/system/tasks', 'result'],
    ['a task', () => `/system/tasks/${taskId}`, 'taskId'],
    ['its runs', () => `/system/tasks/${taskId}/runs`, 'result'],
    ['a run', () => `/system/tasks/${taskId}/runs/${runId}`, 'runId'],
  ])(
    'lets a POST read of %s with the token in the form body through, and the answer passes',
    async (_, path, field) => {
      const res = await post(path(), { f: 'json', token });
      expect(res.status).toBe(200);
      expect(res.headers.get('sl-violations')).toBeNull();
      expect(Object.keys((await res.json()) as object)).toContain(field);
    },
  );

  it("still enforces the security schemes: a GET without a token gets Prism's 401", async () => {
    const res = await fetch(`${prism.adminUrl}/system/tasks?f=json`);
    expect(res.status).toBe(401);
  });

  it('does not make a POST without any token anonymous: the server behind refuses it with 499', async () => {
    const res = await post('/system/tasks', { f: 'json' });
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(499);
  });
});
