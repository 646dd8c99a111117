import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { MAX_DELAY_MS, parsePrefer, type RunningMock, startMockServer } from '../../src/mock/index.js';
import { ADMIN, mock, taskOfType, tokenFor } from './helpers.js';

describe('Prefer header parsing', () => {
  it('reads every preference and ignores unknown ones', () => {
    expect(parsePrefer('code=498, example=CreateBackup, delay=200, fault=stall, respond-async')).toEqual({
      code: 498,
      example: 'CreateBackup',
      delayMs: 200,
      fault: 'stall',
    });
    expect(parsePrefer(`delay=${MAX_DELAY_MS * 10}`)).toEqual({ delayMs: MAX_DELAY_MS });
    expect(parsePrefer('code=200, fault=explode')).toEqual({});
    expect(parsePrefer('example=Nope')).toEqual({ unknownExample: 'Nope' });
  });
});

describe('per-request steering', () => {
  const server = mock();
  let token: string;
  beforeAll(async () => {
    token = await tokenFor(server);
  });

  it('code=NNN answers that code, before authentication', async () => {
    const res = await request(server).get(`${ADMIN}/system/tasks?f=json`).set('Prefer', 'code=498');
    expect(res.body).toEqual({ error: { code: 498, message: 'Invalid token.', details: [] } });
  });

  it.each(['CleanGPJobs', 'CreateBackup', 'BackupRetentionCleaner', 'CreateHealthCheckReports'])(
    'example=%s serves a task of that type',
    async (type) => {
      const res = await request(server)
        .get(`${ADMIN}/system/tasks/0123456789abcdef0123456789abcdef?f=json&token=${token}`)
        .set('Prefer', `example=${type}`);
      expect(res.body.taskType).toBe(type);
      expect(res.body.taskId).toBe((await taskOfType(server, type)).taskId);
      const list = await request(server)
        .get(`${ADMIN}/system/tasks?f=json&token=${token}`)
        .set('Prefer', `example=${type}`);
      expect(list.body.result.map((t: { taskType: string }) => t.taskType)).toEqual(list.body.result.map(() => type));
    },
  );

  it('example=<unknown> is a 400 so the typo shows', async () => {
    const res = await request(server)
      .get(`${ADMIN}/system/tasks?f=json&token=${token}`)
      .set('Prefer', 'example=CreateBackups');
    expect(res.body.error.code).toBe(400);
  });

  it('delay=ms holds the answer that long', async () => {
    const start = performance.now();
    await request(server).get(`${ADMIN}/system/tasks?f=json&token=${token}`).set('Prefer', 'delay=150');
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
  });

  it('fault=html-500 answers a servlet error page with HTTP 500', async () => {
    const res = await request(server)
      .get(`${ADMIN}/system/tasks?f=json&token=${token}`)
      .set('Prefer', 'fault=html-500');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('fault=malformed-json answers JSON that does not parse', async () => {
    const res = await request(server)
      .get(`${ADMIN}/system/tasks?f=json&token=${token}`)
      .set('Prefer', 'fault=malformed-json')
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString())).on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.body as string)).toThrow();
  });
});

describe('connection faults on a real socket', () => {
  let running: RunningMock;
  beforeAll(async () => {
    running = await startMockServer({ port: 0 });
  });
  afterAll(() => running.close());

  it('fault=reset drops the connection', async () => {
    await expect(
      fetch(`${running.adminUrl}/system/tasks?f=json`, { headers: { Prefer: 'fault=reset' } }),
    ).rejects.toThrow();
  });

  it('fault=stall never answers (the client gives up), and the server still closes', async () => {
    const stalled = fetch(`${running.adminUrl}/system/tasks?f=json`, {
      headers: { Prefer: 'fault=stall' },
      signal: AbortSignal.timeout(300),
    });
    await expect(stalled).rejects.toThrow(/abort|timeout/i);
    const ok = await fetch(`${running.adminUrl}/system/tasks?f=json`);
    expect(((await ok.json()) as { error: { code: number } }).error.code).toBe(499);
  });
});

describe('seeded run-wide faults and latency', () => {
  async function outcomes(seed: number): Promise<string[]> {
    const running = await startMockServer({ port: 0, seed, faultRate: 0.3, latency: { min: 0, max: 3 } });
    try {
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) {
        try {
          const res = await fetch(`${running.adminUrl}/system/tasks?f=json`);
          const text = await res.text();
          seen.push(`${res.status}:${text.slice(0, 20)}`);
        } catch {
          seen.push('reset');
        }
      }
      return seen;
    } finally {
      await running.close();
    }
  }

  it('the same seed gives the same faults; about the asked share of answers is faulty', async () => {
    const first = await outcomes(42);
    expect(await outcomes(42)).toEqual(first);
    const faulty = first.filter((o) => !o.includes('"code":499')).length;
    expect(faulty).toBeGreaterThan(3);
    expect(faulty).toBeLessThan(25);
    expect(await outcomes(43)).not.toEqual(first);
  });
});
