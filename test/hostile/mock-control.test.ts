import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { packageRoot } from '../../src/contract/package-root.js';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import { detectErrorEnvelope } from '../../src/validation/envelope.js';
import { ADMIN, state, tokenFor } from '../mock/helpers.js';

// issue 17: a control surface only its user can drive (item 4), and garbage control requests
// refused with a reason (the 'Info' row), each leaving the mock's state as it was.

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, clock: '2026-01-01T00:00:00Z' });
});
afterAll(() => mock.close());

const refusal = (body: unknown) => detectErrorEnvelope(body);

describe('the control endpoints refuse other origins', () => {
  it('answers a cross-site Origin with 403 and no CORS header, and the state is kept', async () => {
    const before = await state(mock.server);
    await request(mock.server).post('/__mock/clock').type('form').send('advance=P1D');
    const res = await request(mock.server)
      .post('/__mock/reset')
      .set('Origin', 'https://evil.example')
      .type('form')
      .send('');
    expect(refusal(res.body)?.code).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect((await request(mock.server).get('/__mock/clock')).body.epochMs).toBe(Date.parse('2026-01-02T00:00:00Z'));
    expect((await state(mock.server)).tasks.length).toBe(before.tasks.length);
  });

  it('refuses Sec-Fetch-Site: cross-site and preflights from other origins', async () => {
    const res = await request(mock.server).get('/__mock/state').set('Sec-Fetch-Site', 'cross-site');
    expect(refusal(res.body)?.code).toBe(403);
    const preflight = await request(mock.server)
      .options('/__mock/reset')
      .set('Origin', 'http://localhost:3000')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it("accepts the mock's own origin (a page it serves) and clients that send no Origin", async () => {
    const host = new URL(mock.url).host;
    const own = await request(mock.server)
      .get('/__mock/state')
      .set('Host', host)
      .set('Origin', `http://${host}`)
      .set('Sec-Fetch-Site', 'same-origin');
    expect(own.status).toBe(200);
    expect(Array.isArray(own.body.tasks)).toBe(true);
    expect((await request(mock.server).get('/__mock/state')).status).toBe(200);
  });

  it('keeps CORS on the mocked API', async () => {
    const res = await request(mock.server).get(`${ADMIN}/system/tasks?f=json`).set('Origin', 'https://app.example');
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example');
    const preflight = await request(mock.server).options(`${ADMIN}/system/tasks`).set('Origin', 'https://app.example');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST');
  });
});

describe('a control token (shared hosts)', () => {
  let guarded: RunningMock;
  const secret = 'control-secret-1234';
  beforeAll(async () => {
    guarded = await startMockServer({ port: 0, controlToken: secret });
  });
  afterAll(() => guarded.close());

  it('refuses control requests without it or with another, and takes it as a header or a bearer token', async () => {
    expect(refusal((await request(guarded.server).get('/__mock/state')).body)?.code).toBe(403);
    const wrong = await request(guarded.server).get('/__mock/state').set('X-Mock-Control-Token', 'nope-nope-nope');
    expect(refusal(wrong.body)?.code).toBe(403);
    const header = await request(guarded.server).get('/__mock/state').set('X-Mock-Control-Token', secret);
    expect(header.status).toBe(200);
    expect(Array.isArray(header.body.tasks)).toBe(true);
    const bearer = await request(guarded.server).get('/__mock/state').set('Authorization', `Bearer ${secret}`);
    expect(Array.isArray(bearer.body.tasks)).toBe(true);
  });

  it('does not ask for it on the mocked API', async () => {
    const token = await tokenFor(guarded.server);
    const res = await request(guarded.server).get(`${ADMIN}/system/tasks?f=json&token=${token}`);
    expect(Array.isArray(res.body.result)).toBe(true);
  });

  it('is refused when shorter than 8 characters', async () => {
    await expect(startMockServer({ port: 0, controlToken: 'short' })).rejects.toThrow(/controlToken/);
  });
});

describe('garbage control requests are refused with a reason', () => {
  it('POST /__mock/reset with an unknown field', async () => {
    const res = await request(mock.server).post('/__mock/reset').type('form').send('x=1');
    expect(refusal(res.body)?.code).toBe(400);
    expect(JSON.stringify(res.body)).toContain("'x'");
  });

  it('a field sent twice (advance=P1D&advance=P2D), and the clock does not move', async () => {
    const before = (await request(mock.server).get('/__mock/clock')).body.epochMs;
    const res = await request(mock.server).post('/__mock/clock').type('form').send('advance=P1D&advance=P2D');
    expect(refusal(res.body)?.code).toBe(400);
    expect(JSON.stringify(res.body)).toContain("'advance'");
    expect((await request(mock.server).get('/__mock/clock')).body.epochMs).toBe(before);
  });

  it('requests/count?method=FOO', async () => {
    const res = await request(mock.server).get('/__mock/requests/count?method=FOO');
    expect(refusal(res.body)?.code).toBe(400);
    expect(JSON.stringify(res.body)).toContain('FOO');
    expect((await request(mock.server).get('/__mock/requests/count?method=get')).body.count).toBeGreaterThan(0);
  });

  it('a scenario with the same task id twice', async () => {
    const scenario = JSON.parse(readFileSync(join(packageRoot(), 'mocks/scenarios/failed-backup.json'), 'utf8'));
    scenario.tasks = [scenario.tasks[0], scenario.tasks[0]];
    delete scenario.runs;
    const res = await request(mock.server)
      .post('/__mock/scenario')
      .type('form')
      .send(new URLSearchParams({ scenario: JSON.stringify(scenario) }).toString());
    expect(refusal(res.body)?.code).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/used by an earlier task/);
  });

  it('accepts a scenario that starts with a UTF-8 BOM', async () => {
    const text = readFileSync(join(packageRoot(), 'mocks/scenarios/failed-backup.json'), 'utf8');
    const res = await request(mock.server)
      .post('/__mock/scenario')
      .type('form')
      .send(new URLSearchParams({ scenario: `\uFEFF${text}` }).toString());
    expect(res.body.status).toBe('success');
  });
});
