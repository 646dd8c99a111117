import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import { MAX_RECORDED_CHARS } from '../../src/mock/journal/recorder.js';
import { MAX_OUTCOME_RULES } from '../../src/mock/schedules/outcomes.js';
import { detectErrorEnvelope } from '../../src/validation/envelope.js';
import { ADMIN } from '../mock/helpers.js';

// issue 17, Low row "Unbounded work and memory": a journal entry's size and the outcome rules are capped.

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, clock: '2026-01-01T00:00:00Z' });
});
afterAll(() => mock.close());

describe('bounded work and memory per request', () => {
  it('keeps at most MAX_RECORDED_CHARS of field values in a journal entry (64 fields of 2 KB sent)', async () => {
    const fields = new URLSearchParams([['f', 'json']]);
    for (let i = 0; i < 64; i++) fields.append(`field${i}`, 'x'.repeat(2048));
    await request(mock.server).post(`${ADMIN}/system/tasks`).type('form').send(fields.toString());
    const [entry] = mock.requests().slice(-1);
    const kept = Object.entries(entry!.form).reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(kept).toBeLessThan(MAX_RECORDED_CHARS + 2 * 2048 + 64 * 200);
    expect(Object.values(entry!.form).some((v) => v.includes('not recorded'))).toBe(true);
  });

  it(`refuses a counted outcome rule past ${MAX_OUTCOME_RULES}, and keeps the rules it had`, async () => {
    for (let i = 0; i < MAX_OUTCOME_RULES; i++)
      mock.outcomes.set({ taskType: 'CreateBackup' }, { outcome: 'failed', times: 1 });
    const res = await request(mock.server)
      .post('/__mock/outcomes')
      .type('form')
      .send('taskType=CreateBackup&outcome=failed&times=1');
    expect(detectErrorEnvelope(res.body)?.code).toBe(400);
    expect(mock.outcomes.list().length).toBe(MAX_OUTCOME_RULES);
  });
});
