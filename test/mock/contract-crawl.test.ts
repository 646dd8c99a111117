import type { Server } from 'node:http';
import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { loadContractCached } from '../../src/contract/load.js';
import type { ContractModel } from '../../src/contract/model.js';
import { checkRunInvariants, checkTaskInvariants } from '../../src/domain/index.js';
import { createMockServer, type ErrorStatusMode } from '../../src/mock/index.js';
import { TASK_TYPES, type Task } from '../../src/shapes/contract-types.js';
import { ContractValidator } from '../../src/validation/contract-validator.js';
import { detectErrorEnvelope } from '../../src/validation/envelope.js';
import { ADMIN, state, TOKEN_PATH, tokenFor } from './helpers.js';

// Crawls every operation with every f, for every task type, on GET and POST, success and error
// paths, in both error-status modes: every JSON answer must validate against the operation's
// documented response, every task and run must pass the fixture invariants.

const FORMATS = ['json', 'pjson', 'html', undefined] as const;
const MISSING = '0123456789abcdef0123456789abcdef';

let contract: ContractModel;
let validator: ContractValidator;
beforeAll(async () => {
  contract = await loadContractCached();
  validator = new ContractValidator(contract);
});

interface Call {
  operationId: string;
  method: 'GET' | 'POST';
  path: string;
  fields?: Record<string, string>;
}

/** Sends a call with f and auth; checks the answer against the contract; returns the parsed JSON (or the HTML text). */
async function crawl(
  server: Server,
  call: Call,
  f: (typeof FORMATS)[number],
  auth: Record<string, string>,
  mode: ErrorStatusMode,
): Promise<unknown> {
  const params: Record<string, string> = { ...(f === undefined ? {} : { f }), ...auth, ...call.fields };
  const res =
    call.method === 'GET'
      ? await request(server).get(`${call.path}?${new URLSearchParams(params)}`)
      : await request(server).post(call.path).type('form').send(params);
  const operation = contract.operationsById.get(call.operationId)!;
  const mediaType = String(res.headers['content-type']).split(';')[0]!;
  const isJson = mediaType === 'application/json';
  const body: unknown = isJson ? JSON.parse(res.text) : res.text;
  // a Run whose status is "failed" looks like an admin envelope to detectErrorEnvelope (and to
  // ArcGIS REST JS): only a body that is an ArcGISError counts as one here
  const envelope =
    isJson && validator.forComponent('ArcGISError').isValid(body) ? detectErrorEnvelope(body) : undefined;
  const where = `${call.method} ${call.path} f=${f} ${JSON.stringify(call.fields ?? {})}`;
  if (envelope) {
    expect([where, res.status]).toEqual([where, mode === 'http' ? envelope.code : 200]);
  } else {
    expect([where, res.status]).toEqual([where, 200]);
    // without f, and with f=html, the answer is the admin directory page; otherwise JSON
    expect([where, mediaType]).toEqual([where, f === 'json' || f === 'pjson' ? 'application/json' : 'text/html']);
  }
  if (f === 'pjson' && isJson) expect(res.text).toBe(JSON.stringify(body, null, 2));
  if (f === 'json' && isJson) expect(res.text).toBe(JSON.stringify(body));
  const result = validator.validateResponse(operation, res.status, mediaType, body);
  expect([where, result.violations]).toEqual([where, []]);
  return body;
}

const isEnvelope = (body: unknown) => validator.forComponent('ArcGISError').isValid(body);

function invariantsOf(operationId: string, body: unknown, task?: Task) {
  if (isEnvelope(body) || typeof body !== 'object') return [];
  const doc = body as { result?: unknown[] };
  switch (operationId) {
    case 'getTask':
    case 'getTaskPost':
      return checkTaskInvariants(body);
    case 'listTasks':
    case 'listTasksPost':
      return doc.result!.flatMap((t) => checkTaskInvariants(t));
    case 'getRun':
    case 'getRunPost':
      return checkRunInvariants(body, task);
    case 'listRuns':
    case 'listRunsPost':
      return doc.result!.flatMap((r) => checkRunInvariants(r, task));
    default:
      return [];
  }
}

function readCalls(taskId: string, runId: string): Call[] {
  const base = `${ADMIN}/system/tasks`;
  return [
    ['listTasks', 'listTasksPost', base],
    ['getTask', 'getTaskPost', `${base}/${taskId}`],
    ['listRuns', 'listRunsPost', `${base}/${taskId}/runs`],
    ['getRun', 'getRunPost', `${base}/${taskId}/runs/${runId}`],
  ].flatMap(([get, post, path]) => [
    { operationId: get!, method: 'GET' as const, path: path! },
    { operationId: post!, method: 'POST' as const, path: path! },
  ]);
}

function writeCalls(task: Task, runId: string): Call[] {
  const base = `${ADMIN}/system/tasks/${task.taskId}`;
  const parameters: Record<string, string> =
    task.taskType === 'CreateBackup'
      ? { parameters: JSON.stringify({ passcode: 'a new passcode', name: 'renamed' }) }
      : task.taskType === 'CreateHealthCheckReports'
        ? { parameters: JSON.stringify({ suiteIds: 'a,b', runName: 'weekly' }) }
        : { itemId: '0a78247d-0d0d-4b69-a658-03104e15bd66' };
  return [
    {
      operationId: 'updateTask',
      method: 'POST',
      path: `${base}/update`,
      fields: { title: 'crawled', minute: '5', hour: '*/2', ...parameters },
    },
    { operationId: 'disableTask', method: 'POST', path: `${base}/disable` },
    { operationId: 'enableTask', method: 'POST', path: `${base}/enable` },
    {
      operationId: 'updateRun',
      method: 'POST',
      path: `${base}/runs/${runId}/update`,
      fields: { status: 'skipped', results: 'crawled' },
    },
    { operationId: 'deleteRun', method: 'POST', path: `${base}/runs/${runId}/delete` },
    { operationId: 'deleteTask', method: 'POST', path: `${base}/delete` },
  ];
}

const createCalls: Call[] = [
  {
    operationId: 'createTask',
    method: 'POST',
    path: `${ADMIN}/system/tasks/createTask`,
    fields: {
      type: 'CreateBackup',
      minute: '0',
      hour: '1',
      dayOfMonth: '?',
      month: '*',
      dayOfWeek: '2',
      parameters: JSON.stringify({
        name: 'b',
        passcode: 'password1',
        storeName: 'default',
        metaData: { recurring: true, startTime: '01:00', retention: { type: 'day', value: 7 } },
      }),
    },
  },
  {
    operationId: 'createTask',
    method: 'POST',
    path: `${ADMIN}/system/tasks/createTask`,
    fields: {
      type: 'CreateHealthCheckReports',
      minute: '0',
      hour: '1',
      dayOfMonth: '1',
      month: '*',
      dayOfWeek: '?',
      parameters: '{"suiteIds":["s1"]}',
    },
  },
];

describe.each(['200', 'http'] as const)('every endpoint, errorStatus %s', (mode) => {
  let server: Server;
  let auth: { token: string };
  let viewer: { token: string };
  beforeAll(async () => {
    server = createMockServer({ errorStatus: mode });
    auth = { token: await tokenFor(server) };
    viewer = { token: await tokenFor(server, 'viewer', 'viewer') };
  });

  it.each(TASK_TYPES)('reads of a %s task, every f, GET and POST: valid and invariant-clean', async (type) => {
    const s = await state(server);
    const task =
      s.tasks.find((t) => t.taskType === type && (s.runs[t.taskId] ?? []).length > 0) ??
      s.tasks.find((t) => t.taskType === type)!;
    const runId = s.runs[task.taskId]?.[0]?.runId ?? MISSING;
    for (const call of readCalls(task.taskId, runId)) {
      for (const f of FORMATS) {
        const body = await crawl(server, call, f, auth, mode);
        if (f === 'json' || f === 'pjson')
          expect([call.path, invariantsOf(call.operationId, body, task)]).toEqual([call.path, []]);
        if (f === 'json') expect([call.path, isEnvelope(body)]).toEqual([call.path, false]);
      }
    }
  });

  it.each(TASK_TYPES)(
    'writes on a %s task, every f: valid answers, and the task stays invariant-clean',
    async (type) => {
      for (const f of FORMATS) {
        await request(server).post('/__mock/reset');
        const s = await state(server);
        const task =
          s.tasks.find((t) => t.taskType === type && (s.runs[t.taskId] ?? []).length > 0) ??
          s.tasks.find((t) => t.taskType === type)!;
        const runId = s.runs[task.taskId]?.[0]?.runId ?? MISSING;
        for (const call of writeCalls(task, runId)) {
          const body = await crawl(server, call, f, auth, mode);
          if (f === 'json') expect([call.operationId, body]).toEqual([call.operationId, { status: 'success' }]);
          if (call.operationId !== 'deleteTask') {
            const after = await crawl(
              server,
              { operationId: 'getTask', method: 'GET', path: `${ADMIN}/system/tasks/${task.taskId}` },
              'json',
              auth,
              mode,
            );
            expect([call.operationId, checkTaskInvariants(after)]).toEqual([call.operationId, []]);
            const runs = (await crawl(
              server,
              { operationId: 'listRuns', method: 'GET', path: `${ADMIN}/system/tasks/${task.taskId}/runs` },
              'json',
              auth,
              mode,
            )) as { result: unknown[] };
            expect([call.operationId, runs.result.flatMap((r) => checkRunInvariants(r, after))]).toEqual([
              call.operationId,
              [],
            ]);
          }
        }
      }
    },
  );

  it('createTask for each creatable type, every f; the new task is valid and invariant-clean', async () => {
    for (const f of FORMATS) {
      for (const call of createCalls) {
        const body = await crawl(server, call, f, auth, mode);
        if (f === 'json') {
          const created = body as { taskId: string };
          const task = await crawl(
            server,
            { operationId: 'getTask', method: 'GET', path: `${ADMIN}/system/tasks/${created.taskId}` },
            'json',
            auth,
            mode,
          );
          expect(checkTaskInvariants(task)).toEqual([]);
        }
      }
    }
  });

  it('error paths of every operation: 499, 498, 403, 404 and 400, each a documented envelope', async () => {
    await request(server).post('/__mock/reset');
    const s = await state(server);
    const task = s.tasks.find((t) => (s.runs[t.taskId] ?? []).length > 0)!;
    const runId = s.runs[task.taskId]![0]!.runId;
    const all = [...readCalls(task.taskId, runId), ...writeCalls(task, runId), ...createCalls];
    const codes = async (call: Call, auth: Record<string, string>, f: 'json' | 'pjson' = 'json') =>
      detectErrorEnvelope(await crawl(server, call, f, auth, mode))?.code;
    for (const call of all) {
      expect([call.operationId, await codes(call, {})]).toEqual([call.operationId, 499]);
      expect([call.operationId, await codes(call, { token: 'bogus' }, 'pjson')]).toEqual([call.operationId, 498]);
      expect([call.operationId, await codes(call, viewer)]).toEqual([call.operationId, 403]);
      if (call.operationId === 'listTasks' || call.operationId === 'listTasksPost' || call.operationId === 'createTask')
        continue;
      const missingTask = { ...call, path: call.path.replace(task.taskId, MISSING) };
      expect([call.operationId, await codes(missingTask, auth)]).toEqual([call.operationId, 404]);
      if (call.path.includes('/runs/')) {
        const missingRun = { ...call, path: call.path.replace(runId, MISSING) };
        expect([call.operationId, await codes(missingRun, auth)]).toEqual([call.operationId, 404]);
      }
    }
    const badInput: Call[] = [
      { ...createCalls[0]!, fields: { ...createCalls[0]!.fields, parameters: 'not json' } },
      {
        operationId: 'updateTask',
        method: 'POST',
        path: `${ADMIN}/system/tasks/${task.taskId}/update`,
        fields: { minute: '99' },
      },
      {
        operationId: 'updateRun',
        method: 'POST',
        path: `${ADMIN}/system/tasks/${task.taskId}/runs/${runId}/update`,
        fields: { status: 'nope' },
      },
      { operationId: 'getTask', method: 'GET', path: `${ADMIN}/system/tasks/${task.taskId}`, fields: { f: 'xml' } },
    ];
    for (const call of badInput) expect([call.operationId, await codes(call, auth)]).toEqual([call.operationId, 400]);
  });

  it('generateToken: a token, or the 400 envelope, each valid', async () => {
    for (const f of ['json', 'pjson', 'html', undefined] as const) {
      await crawl(
        server,
        {
          operationId: 'generateToken',
          method: 'POST',
          path: TOKEN_PATH,
          fields: { username: 'admin', password: 'admin' },
        },
        f,
        {},
        mode,
      );
      const refused = await crawl(
        server,
        {
          operationId: 'generateToken',
          method: 'POST',
          path: TOKEN_PATH,
          fields: { username: 'admin', password: 'wrong' },
        },
        f,
        {},
        mode,
      );
      expect(detectErrorEnvelope(refused)?.code).toBe(400);
    }
  });
});
