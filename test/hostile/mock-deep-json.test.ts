import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import { detectErrorEnvelope } from '../../src/validation/envelope.js';
import { ADMIN, form, HEALTH_CHECK_FORM, state, tokenFor } from '../mock/helpers.js';

// issue 17, High: a Task whose parameters nest ~6,000 deep killed the mock (RangeError in diagnostics).
const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, clock: Date.now() });
});
afterAll(() => mock.close());

async function alive(): Promise<void> {
  const res = await request(mock.server).get('/__mock/state');
  expect(res.status).toBe(200);
}

describe('deeply nested JSON in forms', () => {
  it('refuses a 6,000-deep task on POST /__mock/tasks without a token, with a 400 envelope, and keeps its state', async () => {
    const before = await state(mock.server);
    const task = `{"taskId":"x","parameters":${nested(6000)}}`;
    const res = await request(mock.server).post('/__mock/tasks').type('form').send(form({ task }));
    const envelope = detectErrorEnvelope(res.body);
    expect(envelope?.code).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/nest/);
    await alive();
    expect((await state(mock.server)).tasks.length).toBe(before.tasks.length);
  });

  it('refuses 6,000-deep parameters on createTask with a 400 envelope', async () => {
    const token = await tokenFor(mock.server);
    const res = await request(mock.server)
      .post(`${ADMIN}/system/tasks/createTask`)
      .type('form')
      .send(form({ ...HEALTH_CHECK_FORM, parameters: nested(6000), f: 'json', token }));
    expect(detectErrorEnvelope(res.body)?.code).toBe(400);
    await alive();
  });

  it('refuses 6,000-deep parameters on createTask without a token (the form is read before authentication)', async () => {
    const res = await request(mock.server)
      .post(`${ADMIN}/system/tasks/createTask`)
      .type('form')
      .send(form({ ...HEALTH_CHECK_FORM, parameters: nested(6000), f: 'json' }));
    expect(detectErrorEnvelope(res.body)).toBeDefined();
    await alive();
  });

  it.each([
    ['a space', ' '],
    ['a line break', '\n'],
    ['a no-break space', '\u00a0'],
    ['a byte order mark', '\ufeff'],
  ])('measures JSON behind %s (white space to \\s) and refuses it for its depth', async (_, space) => {
    const token = await tokenFor(mock.server);
    const res = await request(mock.server)
      .post(`${ADMIN}/system/tasks/createTask`)
      .type('form')
      .send(form({ ...HEALTH_CHECK_FORM, parameters: `${space}${nested(100)}`, f: 'json', token }));
    expect(detectErrorEnvelope(res.body)?.code).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/may nest at most 64 levels/);
  });

  it('still accepts JSON nested within the limit', async () => {
    const token = await tokenFor(mock.server);
    const res = await request(mock.server)
      .post(`${ADMIN}/system/tasks/createTask`)
      .type('form')
      .send(form({ ...HEALTH_CHECK_FORM, f: 'json', token }));
    expect(res.body.status).toBe('success');
  });
});
