import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { generateRuns, generateTask } from '../../src/fixtures/index.js';
import { ADMIN, form, mock, state, tokenFor } from './helpers.js';

const task = generateTask('CreateBackup', {
  seed: 'put-task',
  overrides: { taskId: 'abcdefabcdefabcdefabcdefabcdef12', id: 'abcdefabcdefabcdefabcdefabcdef12' },
});
const runs = generateRuns(task, 2, { seed: 'put-task' });

describe('POST /__mock/tasks (provider states, scenarios)', () => {
  it('puts a task and its runs on the mock, replacing what had the same id', async () => {
    const server = mock();
    const put = await request(server)
      .post('/__mock/tasks')
      .type('form')
      .send(form({ task: JSON.stringify(task), runs: JSON.stringify(runs) }));
    expect(put.body).toEqual({ status: 'success' });
    const token = await tokenFor(server);
    const read = await request(server).get(`${ADMIN}/system/tasks/${task.taskId}`).query({ f: 'json', token });
    expect(read.body).toEqual(task);
    const listed = await request(server).get(`${ADMIN}/system/tasks/${task.taskId}/runs`).query({ f: 'json', token });
    expect(listed.body.result.map((r: { runId: string }) => r.runId)).toEqual(runs.map((r) => r.runId));
    // again without runs: the task is replaced, its old runs go
    await request(server)
      .post('/__mock/tasks')
      .type('form')
      .send(form({ task: JSON.stringify({ ...task, generation: task.generation + 1 }) }));
    expect((await state(server)).runs[task.taskId]).toEqual([]);
  });

  it.each([
    ['no task field', {}, /'task' is required/],
    ['task that is not JSON', { task: '{nope' }, /'task' is not JSON/],
    [
      'task the contract rejects',
      { task: JSON.stringify({ ...task, taskState: 'running' }) },
      /task \/taskState must be one of/,
    ],
    [
      'task that breaks an invariant',
      { task: JSON.stringify({ ...task, taskId: 'ffffffffffffffffffffffffffffffff' }) },
      /task .*id/,
    ],
    [
      'run of another task',
      { task: JSON.stringify(task), runs: JSON.stringify([{ ...runs[0], task: { ...task, taskTitle: 'other' } }]) },
      /runs\/0 /,
    ],
  ])('refuses a %s with a 400 envelope and keeps the state', async (_label, fields, detail) => {
    const server = mock();
    const before = await state(server);
    const put = await request(server)
      .post('/__mock/tasks')
      .type('form')
      .send(form(fields as Record<string, string>));
    expect(put.body.error.code).toBe(400);
    expect(put.body.error.details.join(' ')).toMatch(detail);
    expect(await state(server)).toEqual(before);
  });
});
