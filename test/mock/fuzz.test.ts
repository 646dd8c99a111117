import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadContractCached } from '../../src/contract/load.js';
import { checkRunInvariants, checkTaskInvariants } from '../../src/domain/index.js';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import { ContractValidator } from '../../src/validation/contract-validator.js';
import { detectErrorEnvelope } from '../../src/validation/envelope.js';
import { tokenFor } from './helpers.js';

// 10,000 random and malformed requests against one in-process server over keep-alive connections:
// it must never die, never answer 5xx unless a fault asked for it, and every error must be an
// ArcGIS envelope. Afterwards its state must still be valid.

let mock: RunningMock;
let tokens: { admin: string; viewer: string };
let ids: { tasks: string[]; runs: string[] };
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 'fuzz' });
  tokens = { admin: await tokenFor(mock.server), viewer: await tokenFor(mock.server, 'viewer', 'viewer') };
  const state = (await (await fetch(`${mock.url}/__mock/state`)).json()) as {
    tasks: { taskId: string }[];
    runs: Record<string, { runId: string }[]>;
  };
  ids = {
    tasks: state.tasks.map((t) => t.taskId),
    runs: Object.values(state.runs)
      .flat()
      .map((r) => r.runId),
  };
});
afterAll(async () => {
  agent.destroy();
  await mock.close();
});

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<Answer | 'reset'> {
  return new Promise((resolve) => {
    const req = httpRequest(`${mock.url}${path}`, { method, headers, agent }, (res) => {
      let text = '';
      res
        .setEncoding('utf8')
        .on('data', (c: string) => (text += c))
        .on('end', () =>
          resolve({ status: res.statusCode!, contentType: String(res.headers['content-type'] ?? ''), body: text }),
        );
      res.on('error', () => resolve('reset'));
    });
    req.on('error', () => resolve('reset'));
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

const junk = fc.string({ unit: 'binary', maxLength: 24 });
const segment = fc.oneof(
  fc.constantFrom(
    'system',
    'tasks',
    'runs',
    'createTask',
    'update',
    'delete',
    'enable',
    'disable',
    'admin',
    'arcgis',
    '',
    '..',
    '%',
    '%zz',
    '%E0%A4%A',
  ),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }),
  junk.map(encodeURIComponent),
);
const knownTask = fc.nat().map((i) => ids.tasks[i % ids.tasks.length]!);
const knownRun = fc.nat().map((i) => ids.runs[i % ids.runs.length]!);
const path = fc.oneof(
  fc
    .tuple(
      knownTask,
      knownRun,
      fc.constantFrom(
        '',
        '/runs',
        '/update',
        '/delete',
        '/enable',
        '/disable',
        '/runs/RUN',
        '/runs/RUN/update',
        '/runs/RUN/delete',
        '/',
      ),
    )
    .map(([t, r, tail]) => `/arcgis/admin/system/tasks/${t}${tail.replace('RUN', r)}`),
  fc.constantFrom(
    '/arcgis/admin/system/tasks',
    '/arcgis/admin/system/tasks/createTask',
    '/arcgis/sharing/rest/generateToken',
    '/arcgis/admin',
    '/arcgis/admin/system',
    '/__mock/state',
    '/',
    '/arcgis',
  ),
  fc.array(segment, { maxLength: 7 }).map((parts) => `/${parts.join('/')}`),
);
const paramValue = fc.oneof(
  junk,
  fc.constantFrom(
    'json',
    'pjson',
    'html',
    'JSON',
    '',
    '{',
    '{"suiteIds":["a"]}',
    '-1',
    '0',
    '99',
    '*',
    '?',
    '1e400',
    'CreateBackup',
    'failed',
  ),
);
const paramName = fc.constantFrom(
  'f',
  'token',
  'title',
  'type',
  'parameters',
  'minute',
  'hour',
  'dayOfMonth',
  'month',
  'dayOfWeek',
  'startDate',
  'endDate',
  'maxOccurrences',
  'itemId',
  'status',
  'result',
  'results',
  'username',
  'password',
  'expiration',
);
const params = fc.array(fc.tuple(paramName, paramValue), { maxLength: 8 });
const encoded = (pairs: [string, string][]) =>
  pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
const rawQuery = fc.oneof(
  params.map(encoded),
  junk.map((j) => j.replace(/[^\x21-\x7e]/g, '%')),
  fc.constant('f=json&f=html&token=&&=='),
);
const tokenChoice = fc.constantFrom('admin', 'viewer', 'bogus', 'none');
const preference = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    'code=498',
    'code=400',
    'code=503',
    'example=CreateBackup',
    'example=Nope',
    'delay=1',
    'fault=html-500',
    'fault=malformed-json',
    'fault=reset',
    'delay=x, code=7',
  ),
);

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
  path,
  query: rawQuery,
  body: fc.oneof(params.map(encoded), junk, fc.constant('{"json":true}'), fc.constant(undefined)),
  contentType: fc.constantFrom(
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=UTF-8',
    'application/json',
    'text/plain',
    undefined,
  ),
  token: tokenChoice,
  tokenIn: fc.constantFrom('query', 'header', 'bearer'),
  prefer: preference,
});

/**
 * Fails the property with the request and what was wrong. A plain check, not `expect`: with the
 * request in every assertion, Jest's deep equality was the largest cost of 10,000 cases.
 */
function check(request: object, holds: boolean, what: string): void {
  if (!holds) throw new Error(`${what}, for ${JSON.stringify(request)}`);
}

describe('fuzzing the embedded mock', () => {
  it('survives 10,000 random and malformed requests: no crash, no unasked 5xx, every error an ArcGIS envelope', async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = {};
        if (r.contentType) headers['Content-Type'] = r.contentType;
        if (r.prefer) headers['Prefer'] = r.prefer;
        const token =
          r.token === 'admin'
            ? tokens.admin
            : r.token === 'viewer'
              ? tokens.viewer
              : r.token === 'bogus'
                ? 'bogus'
                : undefined;
        let query = r.query;
        if (token && r.tokenIn === 'query') query = `${query}&token=${encodeURIComponent(token)}`;
        if (token && r.tokenIn === 'header') headers['X-Esri-Authorization'] = `Bearer ${token}`;
        if (token && r.tokenIn === 'bearer') headers['Authorization'] = `Bearer ${token}`;
        const body = r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body;
        const answer = await send(r.method, `${r.path}?${query}`, headers, body);
        const askedForTrouble = /fault=|code=5/.test(r.prefer ?? '');
        if (answer === 'reset') return check(r, r.prefer === 'fault=reset', 'the connection was reset unasked');
        answered++;
        if (askedForTrouble) return;
        check(r, answer.status < 500, `HTTP ${answer.status}`);
        if (r.method === 'HEAD' || answer.status === 204) return;
        if (answer.contentType.startsWith('application/json')) {
          const parsed: unknown = JSON.parse(answer.body);
          const envelope = detectErrorEnvelope(parsed);
          if (answer.status >= 400)
            check(r, envelope?.code === answer.status, `HTTP ${answer.status} with envelope code ${envelope?.code}`);
          // errors come with HTTP 200 by default: the code in the envelope must not be a 5xx either
          if (envelope)
            check(
              r,
              envelope.code! < 500 && typeof envelope.messages[0] === 'string',
              `envelope ${JSON.stringify(envelope)}`,
            );
        } else {
          // HTML pages are successful reads only
          check(
            r,
            answer.status === 200 && answer.contentType === 'text/html; charset=utf-8',
            `HTTP ${answer.status} ${answer.contentType}`,
          );
        }
      }),
      { numRuns: 10_000, seed: 20260601, endOnFailure: true },
    );
    expect(answered).toBeGreaterThan(9_000);

    // the state is still whole: every task and run valid and invariant-clean
    const validator = new ContractValidator(await loadContractCached());
    const state = (await (await fetch(`${mock.url}/__mock/state`)).json()) as {
      tasks: unknown[];
      runs: Record<string, object[]>;
    };
    for (const task of state.tasks as { taskId: string }[]) {
      expect(validator.forComponent('Task').validate(task).violations).toEqual([]);
      expect(checkTaskInvariants(task)).toEqual([]);
      for (const run of state.runs[task.taskId] ?? []) expect(checkRunInvariants({ ...run, task }, task)).toEqual([]);
    }
  });
});
