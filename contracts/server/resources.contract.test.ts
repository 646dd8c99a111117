// Contract tests as a plain jest + supertest suite: each resource read through supertest, each
// answer judged by the same registered checks `tasks-contract verify` runs. Against the embedded
// mock by default; set CONTRACT_BASE_URL (and credentials) to check a real server.
import { afterAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { loadContractCached } from '../../src/contract/load.js';
import type { ResourceKind } from '../../src/contract/roles.js';
import type { RequestSpec } from '../../src/http/exchange.js';
import { ContractValidator } from '../../src/validation/contract-validator.js';
import { ApiMap } from '../../src/verify/api-map.js';
import type { Purpose } from '../../src/verify/checks/types.js';
import { exchangeOf, judge } from './judge.js';
import { contractTarget } from './target.js';

const target = await contractTarget();
afterAll(() => target.close());
const contract = await loadContractCached();
const api = new ApiMap(contract, target.adminUrl);
const validator = new ContractValidator(contract);
const origin = new URL(target.adminUrl).origin;

interface Read {
  problems: string[];
  body: unknown;
}

/** Reads one resource with supertest (token in the query on GET, in the form on POST) and judges the answer. */
async function read(
  kind: ResourceKind,
  method: 'get' | 'post',
  params: Record<string, string>,
  format: string,
  purpose: Purpose = 'read',
  expectedTask?: unknown,
): Promise<Read> {
  const operation = api.read(kind, method);
  const url = api.url(operation, params);
  const path = url.slice(origin.length);
  const token = purpose === 'no-token' ? undefined : purpose === 'bad-token' ? 'not-a-token' : target.token;
  const fields: Record<string, string> = { f: format, ...(token ? { token } : {}) };
  const response =
    method === 'get'
      ? await request(origin).get(path).query(fields).buffer(true)
      : await request(origin).post(path).type('form').send(fields).buffer(true);
  const spec: RequestSpec = {
    method: method === 'get' ? 'GET' : 'POST',
    url,
    query: method === 'get' ? { f: format } : {},
    ...(method === 'post' ? { form: { f: format } } : {}),
    auth: 'token',
  };
  const exchange = exchangeOf(spec, response, format !== 'html');
  return {
    problems: judge({ exchange, operation, kind, purpose, format, validator, expectedTask }),
    body: exchange.json,
  };
}

const list = await read('list', 'get', {}, 'json');
const tasks = ((list.body as { result?: { taskId: string; taskType: string }[] } | undefined)?.result ?? []).slice(
  0,
  20,
);

describe('GET /system/tasks', () => {
  it('conforms (f=json)', () => expect(list.problems).toEqual([]));
  it.each(['pjson', 'html'])('conforms (f=%s)', async (format) =>
    expect((await read('list', 'get', {}, format, format === 'html' ? 'html' : 'read')).problems).toEqual([]),
  );
  it('lists at least one task', () => expect(tasks.length).toBeGreaterThan(0));
  it('answers 499 without a token, 498 with a bad one', async () => {
    expect((await read('list', 'get', {}, 'json', 'no-token')).problems).toEqual([]);
    expect((await read('list', 'get', {}, 'json', 'bad-token')).problems).toEqual([]);
  });
});

describe('POST /system/tasks', () => {
  it.each(['json', 'pjson'])('conforms (f=%s)', async (format) =>
    expect((await read('list', 'post', {}, format)).problems).toEqual([]),
  );
});

describe.each(tasks.map((task) => [`${task.taskType} ${task.taskId}`, task.taskId] as const))(
  'task %s',
  (_, taskId) => {
    it.each([
      ['get', 'json'],
      ['get', 'pjson'],
      ['post', 'json'],
    ] as const)('%s f=%s conforms', async (method, format) =>
      expect((await read('task', method, { taskId }, format)).problems).toEqual([]),
    );

    it('its runs and each run conform', async () => {
      const task = await read('task', 'get', { taskId }, 'json');
      const runs = await read('runs', 'get', { taskId }, 'json', 'read', task.body);
      expect(runs.problems).toEqual([]);
      const runIds = ((runs.body as { result?: { runId: string }[] }).result ?? []).map((run) => run.runId);
      for (const runId of runIds.slice(0, 5))
        expect((await read('run', 'get', { taskId, runId }, 'json', 'read', task.body)).problems).toEqual([]);
    });
  },
);
