import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { MockClock } from '../../src/mock/index.js';
import { ADMIN, form, mock, state, TOKEN_PATH, tokenFor } from './helpers.js';

const START = '2025-06-01T00:00:00.000Z';
const START_MS = Date.parse(START);

describe('MockClock', () => {
  it('starts frozen at an instant and moves only when told, by ISO-8601 durations or milliseconds', () => {
    const clock = new MockClock(START);
    expect(clock.isFrozen).toBe(true);
    expect(clock.now()).toBe(START_MS);
    expect(clock.advance('PT6H')).toBe(START_MS + 6 * 3_600_000);
    expect(clock.advance(1500)).toBe(START_MS + 6 * 3_600_000 + 1500);
    clock.set('2025-01-31T00:00:00+01:00');
    expect(clock.now()).toBe(Date.parse('2025-01-30T23:00:00Z'));
    // a month is a calendar month, counted in UTC
    clock.set('2025-01-31T12:00:00Z');
    expect(new Date(clock.advance('P1M')).toISOString()).toBe('2025-02-28T12:00:00.000Z');
    expect(new Date(clock.advance('P1W2DT3M')).toISOString()).toBe('2025-03-09T12:03:00.000Z');
    clock.set('2024-02-29T12:00:00.5Z');
    expect(clock.now()).toBe(Date.parse('2024-02-29T12:00:00.500Z'));
    expect(new Date(clock.advance('P1Y')).toISOString()).toBe('2025-02-28T12:00:00.500Z');
    expect(new Date(clock.advance('PT1.25S')).toISOString()).toBe('2025-02-28T12:00:01.750Z');
    // year 0099 is year 99, not 1999 (Date.UTC's two-digit rule), and so before the clock's range
    expect(() => clock.set('0099-01-01T00:00:00Z')).toThrow(/between 1970/);
  });

  it('runs at its source pace, keeps set and advance offsets, and resumes where it was frozen', () => {
    let source = 1_000_000;
    const clock = new MockClock('real', () => source);
    expect(clock.isFrozen).toBe(false);
    source += 500;
    expect(clock.now()).toBe(1_000_500);
    clock.advance('PT1M');
    expect(clock.now()).toBe(1_060_500);
    source += 100;
    expect(clock.now()).toBe(1_060_600);
    expect(clock.freeze()).toBe(1_060_600);
    source += 10_000;
    expect(clock.now()).toBe(1_060_600);
    clock.resume();
    source += 1;
    expect(clock.now()).toBe(1_060_601);
    clock.set(START_MS);
    source += 5;
    expect(clock.now()).toBe(START_MS + 5);
  });

  it('refuses what is not an instant or a forward duration, saying what to send, and does not move', () => {
    const clock = new MockClock(START);
    expect(() => clock.set('2025-06-01')).toThrow(/not an ISO-8601 instant with a UTC offset, such as/);
    expect(() => clock.set('2025-06-01T00:00:00')).toThrow(RangeError);
    expect(() => clock.set('tomorrow')).toThrow(RangeError);
    expect(() => clock.advance('P1DT')).toThrow(/not an ISO-8601 duration such as PT30M/);
    expect(() => clock.advance('7 days')).toThrow(RangeError);
    expect(() => clock.advance('-P1D')).toThrow(/negative: the clock only advances forward/);
    expect(() => clock.advance(-1)).toThrow(/>= 0/);
    expect(() => clock.set(Number.NaN)).toThrow(/between 1970/);
    expect(() => clock.advance('P9000Y')).toThrow(/between 1970/);
    expect(() => new MockClock('yesterday')).toThrow(RangeError);
    expect(() => clock.set('2025-02-29T00:00:00Z')).toThrow(RangeError); // not a leap year
    expect(() => clock.set('2025-06-01T24:00:00Z')).toThrow(RangeError);
    expect(() => clock.set('2025-06-01T00:00:00+24:00')).toThrow(RangeError);
    expect(() => clock.advance('P')).toThrow(RangeError);
    expect(() => clock.advance('PT')).toThrow(RangeError);
    expect(() => clock.advance('P1.5D')).toThrow(RangeError);
    expect(clock.now()).toBe(START_MS);
  });
});

describe('/__mock/clock and the mock time every date comes from', () => {
  const server = mock({ clock: START });

  it('GET says the mock time and whether it is frozen; POST moves it', async () => {
    expect((await request(server).get('/__mock/clock')).body).toEqual({ now: START, epochMs: START_MS, frozen: true });
    const moved = await request(server)
      .post('/__mock/clock')
      .type('form')
      .send(form({ advance: 'P1D' }));
    expect(moved.body).toEqual({ now: '2025-06-02T00:00:00.000Z', epochMs: START_MS + 86_400_000, frozen: true });
    const set = await request(server)
      .post('/__mock/clock')
      .type('form')
      .send(form({ set: START, advance: 'PT1H' }));
    expect(set.body.now).toBe('2025-06-01T01:00:00.000Z');
    const resumed = await request(server).post('/__mock/clock').type('form').send('resume');
    expect(resumed.body.frozen).toBe(false);
    const frozen = await request(server).post('/__mock/clock').type('form').send('freeze=true');
    expect(frozen.body.frozen).toBe(true);
    expect(frozen.body.epochMs).toBeGreaterThanOrEqual(START_MS + 3_600_000);
    expect(frozen.body.epochMs).toBeLessThan(START_MS + 3_600_000 + 60_000);
    await request(server)
      .post('/__mock/clock')
      .type('form')
      .send(form({ set: START }));
  });

  it.each([
    [{ set: '2025-06-01' }, /not an ISO-8601 instant with a UTC offset/],
    [{ advance: 'P1DT' }, /not an ISO-8601 duration/],
    [{ advance: '-PT1H' }, /negative/],
    [{ set: START, advance: 'nonsense' }, /not an ISO-8601 duration/],
    [{ freeze: 'true', resume: 'true' }, /freeze or resume, not both/],
    [{ freeze: 'no' }, /freeze is a flag/],
    [{ speed: '2' }, /Unknown field 'speed'/],
    [{}, /send set=<ISO instant>, advance=<ISO duration>, freeze or resume/],
  ])('refuses %j with an ArcGIS error envelope and moves nothing', async (fields, detail) => {
    const before = await state(server);
    const clockBefore = (await request(server).get('/__mock/clock')).body;
    const res = await request(server).post('/__mock/clock').type('form').send(form(fields));
    expect(res.status).toBe(200);
    expect(res.body.error).toMatchObject({ code: 400, message: 'Unable to move the clock.' });
    expect(res.body.error.details.join(' ')).toMatch(detail);
    expect((await request(server).get('/__mock/clock')).body).toEqual(clockBefore);
    expect(await state(server)).toEqual(before);
  });

  it('answers other methods with 405 and the allowed ones', async () => {
    const res = await request(server).put('/__mock/clock');
    expect(res.body.error.code).toBe(405);
    expect(res.headers['allow']).toBe('GET, POST');
  });

  it('dates tasks, edits and tokens with mock time', async () => {
    const token = await tokenFor(server, 'admin', 'admin', { expiration: '5' });
    const issued = await request(server)
      .post(TOKEN_PATH)
      .type('form')
      .send({ username: 'admin', password: 'admin', f: 'json', expiration: '5' });
    expect(issued.body.expires).toBe(START_MS + 5 * 60_000);
    const created = await request(server).post(`${ADMIN}/system/tasks/createTask`).type('form').send({
      f: 'json',
      token,
      type: 'CreateHealthCheckReports',
      parameters: '{"suiteIds":"a"}',
      minute: '0',
      hour: '3',
      dayOfMonth: '*',
      month: '*',
      dayOfWeek: '?',
    });
    const id = created.body.taskId as string;
    const read = async () =>
      (await request(server).get(`${ADMIN}/system/tasks/${id}?f=json&token=${token}`)).body as Record<string, unknown>;
    expect(await read()).toMatchObject({ created: START_MS, updated: START_MS });
    await request(server)
      .post('/__mock/clock')
      .type('form')
      .send(form({ advance: 'PT2M' }));
    await request(server).post(`${ADMIN}/system/tasks/${id}/disable`).type('form').send({ f: 'json', token });
    expect((await read())['updated']).toBe(START_MS + 120_000);
    await request(server)
      .post('/__mock/clock')
      .type('form')
      .send(form({ advance: 'PT3M' }));
    const expired = await request(server).get(`${ADMIN}/system/tasks/${id}?f=json&token=${token}`);
    expect(expired.body.error.code).toBe(498);
  });

  it('gives the same bytes twice with a fixed seed and a frozen clock, schedules included', async () => {
    const run = async () => {
      const twin = mock({ clock: START, seed: 'twins', tasks: 12 });
      await request(twin)
        .post('/__mock/clock')
        .type('form')
        .send(form({ advance: 'P3DT7H' }));
      return JSON.stringify(await state(twin));
    };
    const [a, b] = [await run(), await run()];
    expect(a).toBe(b);
    expect(a).toContain('"status":"succeeded"');
  });
});
