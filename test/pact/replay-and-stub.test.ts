import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createStubServer, normalizePact, type Pact, replayPacts } from '../../src/pact/index.js';

const taskId = '5f0cdc50cf36460990bb6edfe9b60e08';
const pact: Pact = normalizePact(
  {
    consumer: { name: 'OpsScript' },
    provider: { name: 'ArcGISEnterpriseAdmin' },
    metadata: { pactSpecification: { version: '3.0.0' } },
    interactions: [
      {
        description: 'read a task',
        request: {
          method: 'GET',
          path: `/arcgis/admin/system/tasks/${taskId}`,
          query: { f: ['json'], token: ['consumer-token'] },
        },
        response: {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
          body: { taskId, taskState: 'active', generation: 2 },
          matchingRules: {
            body: {
              '$.generation': { matchers: [{ match: 'integer' }] },
              '$.taskState': { matchers: [{ match: 'regex', regex: '^(active|paused)$' }] },
            },
          },
        },
      },
      {
        description: 'disable it',
        request: {
          method: 'POST',
          path: `/arcgis/admin/system/tasks/${taskId}/disable`,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'f=json&token=consumer-token',
        },
        response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: { status: 'success' } },
      },
    ],
  },
  'ops.json',
);

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

let stub: Server;
let stubUrl = '';
const seen: { url: string; body: string; auth: string | undefined }[] = [];
let broken: Server;
let brokenUrl = '';

beforeAll(async () => {
  stub = createStubServer([pact]);
  stubUrl = await listen(stub);
  // a provider that breaks the first interaction (generation as text) and records what it receives
  broken = createServer((request, response) => {
    let body = '';
    request.on('data', (c: Buffer) => (body += c.toString()));
    request.on('end', () => {
      seen.push({ url: request.url ?? '', body, auth: request.headers['authorization'] });
      const payload =
        request.method === 'GET' ? { taskId, taskState: 'paused', generation: '3', extra: 1 } : { status: 'success' };
      response.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' }).end(JSON.stringify(payload));
    });
  });
  brokenUrl = await listen(broken);
});

afterAll(async () => {
  await new Promise((r) => stub.close(r));
  await new Promise((r) => broken.close(r));
});

describe('pact stub', () => {
  it('answers a matching request with the interaction response, whatever the token', async () => {
    const response = await fetch(`${stubUrl}/arcgis/admin/system/tasks/${taskId}?f=json&token=another-token`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ taskId, taskState: 'active', generation: 2 });
  });

  it('answers an unmatched request with an ArcGIS error envelope naming the closest interaction', async () => {
    const response = await fetch(`${stubUrl}/arcgis/admin/system/tasks/${taskId}?f=pjson`);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { details: string[] } };
    expect(body.error.details[0]).toBe('closest interaction: read a task');
    expect(body.error.details.join(' ')).toContain('query f=pjson is not json');
  });
});

describe('pact verify (replay)', () => {
  it('passes a provider that honours every interaction (the stub itself)', async () => {
    const results = await replayPacts([pact], { baseUrl: stubUrl });
    expect(results.map((r) => [r.interaction, r.status, r.mismatches])).toEqual([
      ['read a task', 'passed', []],
      ['disable it', 'passed', []],
    ]);
  });

  it('catches a provider that breaks an interaction, with the pointer, and replaces the token it sends', async () => {
    const results = await replayPacts([pact], { baseUrl: brokenUrl, token: 'real-token' });
    expect(results[0]).toMatchObject({ status: 'failed' });
    expect(results[0]!.mismatches.map((m) => m.pointer)).toEqual(['/body/generation']);
    expect(results[1]).toMatchObject({ status: 'passed' });
    expect(seen[0]!.url).toBe(`/arcgis/admin/system/tasks/${taskId}?f=json&token=real-token`);
    expect(seen[1]!.body).toBe('f=json&token=real-token');
  });

  it('reports a provider that does not answer as an error, not a crash', async () => {
    const closed = createServer();
    const closedUrl = await listen(closed);
    await new Promise((r) => closed.close(r));
    const results = await replayPacts([pact], { baseUrl: closedUrl, timeoutMs: 2000 });
    expect(results.map((r) => r.status)).toEqual(['error', 'error']);
    expect(results[0]!.error).toMatch(/the provider did not answer: connection refused \(ECONNREFUSED/);
  });
});
