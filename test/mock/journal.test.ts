import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  MAX_BODY_BYTES,
  type RecordedRequest,
  RequestFilterError,
  type RunningMock,
  startMockServer,
} from '../../src/mock/index.js';
import { ADMIN } from './helpers.js';

// One mock for the file, on a real port, with a clock the tests set and a logger that keeps its lines.
const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
let now = T0;
const logged: string[] = [];
let mock: RunningMock;
let token: string;
let taskId: string;
let otherTaskId: string;
let runId: string;

async function send(
  method: string,
  path: string,
  init: { form?: Record<string, string>; headers?: Record<string, string>; body?: string } = {},
): Promise<Response> {
  const body = init.form ? new URLSearchParams(init.form).toString() : init.body;
  const headers = { ...(init.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}), ...init.headers };
  const res = await fetch(`${mock.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  await res.arrayBuffer();
  return res;
}

const control = async (method: string, query = '') => {
  const res = await fetch(`${mock.url}/__mock/requests${query}`, { method });
  return (await res.json()) as {
    requests?: RecordedRequest[];
    meta?: Record<string, unknown>;
    count?: number;
    cleared?: number;
    error?: { code: number; message: string; details: string[] };
  };
};

/** The only entry recorded since the journal was last cleared. */
function only(): RecordedRequest {
  const entries = mock.requests();
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

beforeAll(async () => {
  mock = await startMockServer({ port: 0, now: () => now, logger: (line) => logged.push(line) });
  const res = await fetch(mock.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({ username: 'admin', password: 'admin', f: 'json' }),
  });
  token = ((await res.json()) as { token: string }).token;
  const state = (await (await fetch(`${mock.url}/__mock/state`)).json()) as {
    tasks: { taskId: string }[];
    runs: Record<string, { runId: string }[]>;
  };
  const withRuns = state.tasks.find((t) => (state.runs[t.taskId] ?? []).length > 0)!;
  taskId = withRuns.taskId;
  runId = state.runs[taskId]![0]!.runId;
  otherTaskId = state.tasks.find((t) => t.taskId !== taskId)!.taskId;
});
beforeEach(() => {
  now = T0;
  mock.clearRequests();
  logged.length = 0;
});
afterAll(() => mock.close());

describe('what the journal records', () => {
  it('records a read: operation, path parameters, fields with the token masked, status, both clocks, duration', async () => {
    const before = Date.now();
    await send('GET', `${ADMIN}/system/tasks/${taskId}?f=json&token=${token}`);
    const entry = only();
    expect(entry).toMatchObject({
      mockTime: '2026-01-15T12:00:00.000Z',
      method: 'GET',
      path: `${ADMIN}/system/tasks/${taskId}`,
      operationId: 'getTask',
      pathParams: { taskId },
      query: { f: 'json', token: '********' },
      form: {},
      token: 'query',
      status: 200,
      errorCode: null,
      errorMessage: null,
      steering: null,
      fault: null,
      delayMs: 0,
      unmatched: false,
      nearMiss: null,
    });
    expect(Date.parse(entry.wallTime)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(entry.wallTime)).toBeLessThanOrEqual(Date.now());
    expect(entry.durationMs).toBeGreaterThan(0);
    expect(JSON.stringify(entry)).not.toContain(token);
  });

  it('tells which transport carried the token, and keeps none of the headers', async () => {
    const path = `${ADMIN}/system/tasks/${taskId}`;
    await send('POST', path, { form: { f: 'json', token } });
    await send('GET', `${path}?f=json`, { headers: { 'X-Esri-Authorization': `Bearer ${token}` } });
    await send('GET', `${path}?f=json`, { headers: { Authorization: `Bearer ${token}` } });
    await send('POST', `${path}?token=${token}`, { form: { f: 'json', token } });
    await send('POST', `${path}?token=${token}`, { form: { f: 'json' } });
    const entries = mock.requests();
    expect(entries.map((e) => [e.operationId, e.token])).toEqual([
      ['getTaskPost', 'form'],
      ['getTask', 'x-esri-authorization'],
      ['getTask', 'authorization'],
      ['getTaskPost', 'form'],
      ['getTaskPost', 'query'],
    ]);
    expect(entries[3]).toMatchObject({ query: { token: '********' }, form: { f: 'json', token: '********' } });
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it('records the ArcGIS error code sent, whatever the HTTP status', async () => {
    await send('GET', `${ADMIN}/system/tasks/${taskId}?f=json&token=not-a-token`);
    await send('GET', `${ADMIN}/system/tasks/0123456789abcdef0123456789abcdef?f=json&token=${token}`);
    const [badToken, unknownTask] = mock.requests();
    expect(badToken).toMatchObject({ operationId: 'getTask', status: 200, errorCode: 498, unmatched: false });
    expect(badToken!.errorMessage).toBe('Invalid token.');
    expect(unknownTask).toMatchObject({ operationId: 'getTask', status: 200, errorCode: 404, unmatched: false });
  });

  it('records the steering asked for and the faults applied', async () => {
    const path = `${ADMIN}/system/tasks/${taskId}?f=json&token=${token}`;
    await send('GET', path, { headers: { Prefer: 'code=500' } });
    await send('GET', path, { headers: { Prefer: 'fault=html-500' } });
    await expect(send('GET', path, { headers: { Prefer: 'fault=reset' } })).rejects.toThrow();
    await send('GET', path, { headers: { Prefer: 'delay=30' } });
    const [code, html, reset, delayed] = mock.requests();
    expect(code).toMatchObject({ steering: { code: 500 }, status: 200, errorCode: 500, fault: null });
    expect(html).toMatchObject({ steering: { fault: 'html-500' }, fault: { kind: 'html-500', source: 'prefer' } });
    expect(html).toMatchObject({ status: 500, errorCode: null });
    expect(reset).toMatchObject({ fault: { kind: 'reset', source: 'prefer' }, status: null });
    expect(delayed).toMatchObject({ steering: { delayMs: 30 }, delayMs: 30, status: 200 });
    expect(delayed!.durationMs).toBeGreaterThanOrEqual(29);
  });

  it('lists requests in the order they arrived, though a delayed one finishes last', async () => {
    const path = `${ADMIN}/system/tasks/${taskId}?f=json&token=${token}`;
    const slow = send('GET', path, { headers: { Prefer: 'delay=80' } });
    await new Promise((resolve) => setImmediate(resolve));
    await send('GET', `${ADMIN}/system/tasks?f=json&token=${token}`);
    await slow;
    const entries = mock.requests();
    expect(entries.map((e) => e.operationId)).toEqual(['getTask', 'listTasks']);
    expect(entries[0]!.seq).toBeLessThan(entries[1]!.seq);
  });

  it('leaves the control endpoints out; keeps CORS preflights and directory pages, as matched', async () => {
    await fetch(`${mock.url}/__mock/state`);
    await control('GET');
    await control('GET', '/count');
    await send('OPTIONS', `${ADMIN}/system/tasks`, { headers: { Origin: 'http://app.example' } });
    await send('GET', `${ADMIN}?f=json`);
    expect(mock.requests().map((e) => [e.method, e.operationId, e.status, e.unmatched])).toEqual([
      ['OPTIONS', null, 204, false],
      ['GET', null, 200, false],
    ]);
  });
});

describe('unmatched requests and their near misses', () => {
  const nearMissOf = () => {
    const entry = only();
    expect(entry).toMatchObject({ unmatched: true, operationId: null });
    return entry.nearMiss!;
  };

  it('names the path segment that differs', async () => {
    await send('GET', `${ADMIN}/system/taks?f=json&token=${token}`);
    expect(nearMissOf()).toEqual({
      operationId: 'listTasks',
      method: 'GET',
      path: '/arcgis/admin/system/tasks',
      differences: [
        {
          what: 'path',
          expected: 'tasks',
          actual: 'taks',
          message: 'path segment 4 is "taks", the operation has "tasks"',
        },
      ],
    });
    expect(only().status).toBe(200);
    expect(only().errorCode).toBe(404);
  });

  it('names a wrong method, a wrong context, a missing and an extra segment', async () => {
    await send('GET', `${ADMIN}/system/tasks/${taskId}/disable?f=json&token=${token}`);
    await send('POST', `${ADMIN}/system/tasks/${taskId}/disabel`, { form: { f: 'json', token } });
    await send('GET', `/portal/admin/system/tasks/${taskId}/runs?f=json&token=${token}`);
    await send('GET', `${ADMIN}/system/tasks/${taskId}/run/${runId}?f=json&token=${token}`);
    await send('POST', `${ADMIN}/system/tasks/${taskId}/runs/${runId}/update/now`, { form: { f: 'json', token } });
    const misses = mock.requests().map((e) => e.nearMiss!);
    expect(misses.map((m) => [m.operationId, m.differences.map((d) => [d.what, d.expected, d.actual])])).toEqual([
      ['disableTask', [['method', 'POST', 'GET']]],
      ['disableTask', [['path', 'disable', 'disabel']]],
      ['listRuns', [['path', 'arcgis', 'portal']]],
      ['getRun', [['path', 'runs', 'run']]],
      ['updateRun', [['path', '', 'now']]],
    ]);
  });

  it('names a missing token, a wrong f, a body that is not a form, a malformed %-escape', async () => {
    const path = `${ADMIN}/system/tasks/${taskId}`;
    await send('GET', `${path}?f=json`);
    await send('GET', `${path}?f=xml&token=${token}`);
    await send('POST', path, { body: JSON.stringify({ token }), headers: { 'Content-Type': 'application/json' } });
    await send('GET', `${path}?f=json&token=${token}&title=%zz`);
    const entries = mock.requests();
    expect(entries.map((e) => [e.status, e.errorCode, e.unmatched, e.operationId])).toEqual([
      [200, 499, true, null],
      [200, 400, true, null],
      [200, 400, true, null],
      [200, 400, true, null],
    ]);
    const reasons = entries.map((e) => [e.nearMiss!.operationId, e.nearMiss!.differences.map((d) => d.what)]);
    expect(reasons).toEqual([
      ['getTask', ['token']],
      ['getTask', ['f']],
      ['getTaskPost', ['content-type']],
      ['getTask', ['encoding']],
    ]);
    expect(entries[1]!.nearMiss!.differences[0]!.message).toBe('f is "xml", the operation takes html, json or pjson');
    expect(entries[3]!.query).toEqual({ f: 'json', token: '********', title: '%zz' });
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it('journals refusals of size before the request is read: a long URL, a large body, huge headers', async () => {
    await send('GET', `${ADMIN}/system/tasks/${'x'.repeat(9000)}?f=json&token=${token}`);
    await send('POST', `${ADMIN}/system/tasks/createTask`, {
      form: { f: 'json', token, title: 'y'.repeat(MAX_BODY_BYTES) },
    });
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(mock.url).port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.write(
        `GET ${ADMIN}/system/tasks?f=json&token=${token} HTTP/1.1\r\nHost: x\r\nX-Big: ${'z'.repeat(20_000)}\r\n\r\n`,
      );
    });
    expect(answer).toMatch(/^HTTP\/1.1 431/);
    await new Promise((resolve) => setImmediate(resolve)); // the entry is written once the refusal is sent
    const [long, large, headers] = mock.requests();
    expect(long).toMatchObject({ status: 414, errorCode: 414, unmatched: true, query: {} });
    expect(long!.path.length).toBeLessThan(2200);
    expect(long!.nearMiss!.differences.map((d) => d.what)).toContain('url-length');
    expect(large).toMatchObject({ status: 413, errorCode: 413, unmatched: true, form: {} });
    expect(large!.nearMiss).toMatchObject({ operationId: 'createTask' });
    expect(large!.nearMiss!.differences.map((d) => d.what)).toEqual(['body-size']);
    expect(headers).toMatchObject({ method: 'GET', path: `${ADMIN}/system/tasks`, status: 431, unmatched: true });
    expect(headers!.query).toEqual({ f: 'json', token: '********' });
    expect(headers!.nearMiss!.differences.map((d) => d.what)).toEqual(['headers']);
    expect(JSON.stringify(mock.requests())).not.toContain(token);
  });
});

describe('GET /__mock/requests, /count and DELETE', () => {
  async function traffic(): Promise<void> {
    const at = (minutes: number) => (now = T0 + minutes * 60_000);
    at(0);
    await send('GET', `${ADMIN}/system/tasks/${taskId}?f=json&token=${token}`);
    at(1);
    await send('POST', `${ADMIN}/system/tasks/${taskId}/disable`, { form: { f: 'json', token } });
    at(2);
    await send('POST', `${ADMIN}/system/tasks/${taskId}/enable`, { form: { f: 'json', token } });
    at(3);
    await send('GET', `${ADMIN}/system/taks?f=json&token=${token}`);
    at(4);
    await send('GET', `${ADMIN}/system/tasks/${otherTaskId}?f=json&token=${token}`);
  }

  it('filters by operationId, taskId, method, since and unmatched, as the code API does', async () => {
    await traffic();
    const cases: [string, Record<string, string | boolean>, string[]][] = [
      ['', {}, ['getTask', 'disableTask', 'enableTask', 'unmatched', 'getTask']],
      ['?operationId=disableTask', { operationId: 'disableTask' }, ['disableTask']],
      [`?taskId=${taskId}`, { taskId }, ['getTask', 'disableTask', 'enableTask']],
      ['?method=post', { method: 'post' }, ['disableTask', 'enableTask']],
      ['?since=2026-01-15T12:02:00Z', { since: '2026-01-15T12:02:00Z' }, ['enableTask', 'unmatched', 'getTask']],
      ['?since=2026-01-15T13:03:00%2B01:00', { since: '2026-01-15T13:03:00+01:00' }, ['unmatched', 'getTask']],
      ['?unmatched=true', { unmatched: true }, ['unmatched']],
      [
        `?unmatched=false&operationId=getTask&taskId=${otherTaskId}`,
        { unmatched: false, operationId: 'getTask', taskId: otherTaskId },
        ['getTask'],
      ],
    ];
    for (const [query, filter, expected] of cases) {
      const names = (entries: RecordedRequest[]) => entries.map((e) => e.operationId ?? 'unmatched');
      const answer = await control('GET', query);
      expect([query, names(answer.requests!)]).toEqual([query, expected]);
      expect(names(mock.requests(filter))).toEqual(expected);
      expect((await control('GET', `/count${query}`)).count).toBe(expected.length);
      expect(mock.journal.count(filter)).toBe(expected.length);
    }
  });

  it('answers the newest N with limit, and says how full the journal is', async () => {
    await traffic();
    const answer = await control('GET', '?limit=2&f=pjson');
    expect(answer.requests!.map((e) => e.operationId)).toEqual([null, 'getTask']);
    expect(answer.meta).toMatchObject({ matched: 5, returned: 2, capacity: 10_000, held: 5, dropped: 0 });
    expect(answer.meta!['operationIds']).toContain('disableTask');
  });

  it('clears the journal with DELETE; numbers keep counting', async () => {
    await traffic();
    const last = mock.requests().at(-1)!.seq;
    expect(await control('DELETE')).toEqual({ status: 'success', cleared: 5 });
    expect((await control('GET', '/count')).count).toBe(0);
    await send('GET', `${ADMIN}/system/tasks?f=json&token=${token}`);
    expect(only().seq).toBe(last + 1);
  });

  it('refuses a bad filter with a clear message and changes nothing', async () => {
    await traffic();
    const refusals: [string, string, RegExp][] = [
      ['GET', '?operationID=disableTask', /"operationID" is not a request filter.*did you mean "operationId"/],
      ['GET', '?operationId=disabelTask', /operationId "disabelTask" is not an operation.*did you mean "disableTask"/],
      ['GET', '/count?since=yesterday', /since must be an ISO-8601 instant/],
      ['GET', '?since=2026-02-30T00:00:00Z', /since must be an ISO-8601 instant/],
      ['GET', '?since=2026-01-15T12:00:00', /since must be an ISO-8601 instant with a zone/],
      ['GET', '/count?unmatched=yes', /unmatched must be true or false/],
      ['GET', '?method=G3T', /method must be an HTTP method/],
      ['GET', '?limit=-1', /limit must be a whole number/],
      ['GET', '/count?limit=2', /"limit" is not a request filter/],
      ['DELETE', '?operationId=disableTask', /takes no "operationId"/],
    ];
    for (const [method, query, message] of refusals) {
      const answer = await control(method, query);
      expect([query, answer.error?.code]).toEqual([query, 400]);
      expect(answer.error!.details.join(' ')).toMatch(message);
    }
    expect(mock.requests()).toHaveLength(5);
    expect(() => mock.requests({ since: 'yesterday' })).toThrow(RequestFilterError);
    expect(() => mock.requests({ operationID: 'x' } as never)).toThrow(/did you mean "operationId"/);
    expect(() => mock.requests({ operationId: 'disabelTask' })).toThrow(/did you mean "disableTask"/);
    expect(await control('GET', '/nope')).toMatchObject({ error: { code: 404 } });
    expect(await control('POST')).toMatchObject({ error: { code: 405 } });
  });
});

describe('the log', () => {
  it('has one line per request: time, method, path, operation, status, ms; no query string', async () => {
    await send('GET', `${ADMIN}/system/tasks/${taskId}?f=json&token=${token}`);
    await send('GET', `${ADMIN}/system/taks?f=json&token=${token}`);
    await control('GET');
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z GET ${ADMIN}/system/tasks/${taskId} getTask 200 \\d+\\.\\d\\d ms$`),
    );
    expect(logged[1]).toMatch(
      / GET \/arcgis\/admin\/system\/taks unmatched 200 error 404 [\d.]+ ms \(closest: listTasks/,
    );
    expect(logged.join('\n')).not.toContain(token);
  });
});
