import { createServer } from 'node:http';
import { afterAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createMockServer as createServerUnderTest, journalOf, type RecordedRequest } from '../../src/mock/index.js';
import { ADMIN, settled } from './helpers.js';

// Servers in this file are in-process (supertest), each started with the option under test.
const servers: ReturnType<typeof createServerUnderTest>[] = [];
const createMockServer = (...args: Parameters<typeof createServerUnderTest>) => {
  const server = createServerUnderTest(...args);
  servers.push(server);
  return server;
};
afterAll(() => Promise.all(servers.map(settled)));

describe('the journal size', () => {
  it('keeps the last N requests, oldest first, and counts the ones it dropped', async () => {
    const server = createMockServer({ journalSize: 3 });
    for (const path of ['a', 'b', 'c', 'd', 'e']) await request(server).get(`${ADMIN}/system/${path}?f=json`);
    const journal = journalOf(server);
    expect(journal.requests().map((e) => e.path)).toEqual(['c', 'd', 'e'].map((p) => `${ADMIN}/system/${p}`));
    expect(journal.requests().map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(journal.stats()).toEqual({ capacity: 3, held: 3, dropped: 2, recorded: 5 });
    const answer = (await request(server).get('/__mock/requests')).body as { meta: Record<string, number> };
    expect(answer.meta).toMatchObject({ capacity: 3, held: 3, dropped: 2, recorded: 5 });
  });

  it('with 0, records nothing and says so instead of answering an empty journal; the log still works', async () => {
    const lines: string[] = [];
    const server = createMockServer({ journalSize: 0, logger: (line) => lines.push(line) });
    await request(server).get(`${ADMIN}/system/tasks?f=json`);
    for (const path of ['/__mock/requests', '/__mock/requests/count']) {
      const res = await request(server).get(path);
      expect(res.body.error).toMatchObject({ code: 409, details: [expect.stringMatching(/journal is off/)] });
    }
    expect((await request(server).delete('/__mock/requests')).body).toEqual({ status: 'success', cleared: 0 });
    expect(() => journalOf(server).requests()).toThrow(/journal is off/);
    expect(lines).toEqual([expect.stringMatching(/ GET \/arcgis\/admin\/system\/tasks unmatched 200 error 499 /)]);
  });

  it('refuses sizes that are not a whole number from 0 to 1,000,000, and a logger that is not a function', () => {
    expect(() => createMockServer({ journalSize: -1 })).toThrow(/journalSize must be a whole number/);
    expect(() => createMockServer({ journalSize: 2.5 })).toThrow(/journalSize must be a whole number/);
    expect(() => createMockServer({ journalSize: 1_000_001 })).toThrow(/journalSize must be a whole number/);
    expect(() => createMockServer({ logger: 'stdout' as never })).toThrow(/logger must be a function/);
  });
});

describe('what an entry keeps', () => {
  it('cuts long values and many fields, so an entry stays small', async () => {
    const server = createMockServer();
    const fields = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`field${i}`, String(i)]));
    await request(server)
      .post(`${ADMIN}/system/tasks/createTask`)
      .type('form')
      .send({ f: 'json', title: 'x'.repeat(100_000), ...fields });
    const [entry] = journalOf(server).requests() as [RecordedRequest];
    expect(entry.form['title']).toBe(`${'x'.repeat(2048)}... (97952 more characters)`);
    expect(Object.keys(entry.form)).toHaveLength(65);
    expect(entry.form['...']).toBe('18 more fields not recorded');
  });

  it('records the fault --fault-rate drew, and the HTTP status under --error-status http', async () => {
    const faulty = createMockServer({ faultRate: 1, seed: 3 });
    // faults are drawn before authentication: no token needed
    for (let i = 0; i < 6; i++)
      await request(faulty)
        .get(`${ADMIN}/system/tasks?f=json`)
        .catch(() => undefined);
    const faults = journalOf(faulty)
      .requests({ operationId: 'listTasks' })
      .map((e) => e.fault);
    expect(faults).toHaveLength(6);
    for (const fault of faults) expect(fault).toMatchObject({ source: 'fault-rate' });
    expect(new Set(faults.map((f) => f!.kind)).size).toBeGreaterThan(1);

    const http = createMockServer({ errorStatus: 'http' });
    await request(http).get(`${ADMIN}/system/tasks?f=json&token=nope`);
    expect(journalOf(http).requests()).toMatchObject([{ operationId: 'listTasks', status: 498, errorCode: 498 }]);
  });
});

describe('journalOf', () => {
  it('refuses a server the mock did not make', () => {
    expect(() => journalOf(createServer())).toThrow(/not made by createMockServer/);
  });
});
