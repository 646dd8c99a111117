import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { toEpochMillis } from '../../src/domain/index.js';
import { RUN_RESULTS } from '../../src/fixtures/run-outcomes.js';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import type { Run, Task } from '../../src/shapes/contract-types.js';
import { form, state } from './helpers.js';

// The default set at its reference date: two hourly tasks of each system type, backups and health checks.
const START = '2025-06-01T00:00:00.000Z';
let running: RunningMock;
let server: Server;

beforeAll(async () => {
  running = await startMockServer({ port: 0, clock: START });
  server = running.server;
});
afterAll(() => running.close());

const runsOf = (taskId: string): Run[] => running.state().runs[taskId]!;
const lastRun = (taskId: string) => runsOf(taskId).at(-1)!;
const hourlyTasks = (): Task[] => running.state().tasks.filter((t) => t.taskType === 'CleanGPJobs');

describe('outcomes a test steers', () => {
  it('fails the next firing of one task with a message, then goes back to succeeded', async () => {
    running.reset();
    const [task, other] = hourlyTasks();
    const set = await request(server)
      .post('/__mock/outcomes')
      .type('form')
      .send(form({ taskId: task!.taskId, outcome: 'failed', times: '1', message: 'Disk full.' }));
    expect(set.body).toEqual({
      status: 'success',
      outcomes: [{ target: { taskId: task!.taskId }, outcome: 'failed', message: 'Disk full.', timesLeft: 1 }],
    });
    running.clock.advance('PT1H30M');
    expect(lastRun(task!.taskId)).toMatchObject({ status: 'failed', result: 'Disk full.' });
    expect(lastRun(other!.taskId).status).toBe('succeeded');
    running.clock.advance('PT1H');
    expect(lastRun(task!.taskId)).toMatchObject({ status: 'succeeded', result: RUN_RESULTS.CleanGPJobs.succeeded[0] });
    expect((await request(server).get('/__mock/outcomes')).body).toEqual({ outcomes: [] });
  });

  it('steers a whole type in time order across its tasks; a task rule wins over its type rule', () => {
    running.reset();
    const [first, second] = hourlyTasks();
    running.outcomes.set({ taskType: 'CleanGPJobs' }, { outcome: 'skipped', times: 3 });
    running.outcomes.set({ taskId: second!.taskId }, { outcome: 'submitfailed' });
    running.clock.advance('PT3H30M');
    const statuses = (id: string) =>
      runsOf(id)
        .slice(-3)
        .map((r) => r.status);
    expect(statuses(first!.taskId)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(statuses(second!.taskId)).toEqual(['submitfailed', 'submitfailed', 'submitfailed']);
    expect(lastRun(second!.taskId).result).toBe('The run could not be submitted.');
    running.clock.advance('PT1H');
    expect(lastRun(first!.taskId).status).toBe('succeeded');
    // a failed run without a message carries a text a server of that type writes
    running.outcomes.clear();
    running.outcomes.set({ taskType: 'CleanGPJobs' }, { outcome: 'failed' });
    running.clock.advance('PT1H');
    expect(RUN_RESULTS.CleanGPJobs.failed).toContain(lastRun(first!.taskId).result);
  });

  it('counted rules of one type are used up by the earliest firings, even across a long advance', () => {
    running.reset();
    const backups = running.state().tasks.filter((t) => t.taskType === 'CreateBackup');
    running.outcomes.set({ taskType: 'CreateBackup' }, { outcome: 'failed', times: 2 });
    running.clock.advance('P30D');
    const firings = backups
      .flatMap((t) => runsOf(t.taskId).map((r) => ({ at: toEpochMillis(r.created), status: r.status })))
      .filter((f) => f.at > Date.parse(START))
      .sort((a, b) => a.at - b.at);
    expect(firings.length).toBeGreaterThan(4);
    expect(firings.map((f) => f.status)).toEqual(['failed', 'failed', ...firings.slice(2).map(() => 'succeeded')]);
  });

  it('DELETE clears one target or all', async () => {
    running.reset();
    const [task] = hourlyTasks();
    running.outcomes.set({ taskId: task!.taskId }, { outcome: 'failed' });
    running.outcomes.set({ taskType: 'CreateBackup' }, { outcome: 'skipped', times: 2 });
    await request(server).delete(`/__mock/outcomes?taskType=CreateBackup`);
    expect(running.outcomes.list()).toEqual([{ target: { taskId: task!.taskId }, outcome: 'failed' }]);
    await request(server).delete('/__mock/outcomes');
    expect(running.outcomes.list()).toEqual([]);
  });

  it.each([
    [
      { taskType: 'CleanGPJobs', outcome: 'exploded' },
      /outcome must be one of succeeded, failed, submitfailed, skipped/,
    ],
    [{ taskType: 'CleanGPJobs', outcome: 'failed', times: '0' }, /times must be a whole number from 1/],
    [{ taskType: 'CleanGPJobs', outcome: 'failed', times: 'twice' }, /times must be a whole number of firings/],
    [{ taskType: 'CleanGPJobs' }, /send outcome/],
    [{ outcome: 'failed' }, /send taskId .* or taskType/],
    [{ taskType: 'Backup', outcome: 'failed' }, /taskType must be one of CleanGPJobs/],
    [{ taskId: 'ffffffffffffffffffffffffffffffff', outcome: 'failed' }, /task 'f{32}' does not exist/],
    [{ taskId: 'x', taskType: 'CleanGPJobs', outcome: 'failed' }, /not both/],
    [{ taskType: 'CleanGPJobs', outcome: 'failed', message: 'x'.repeat(2001) }, /at most 2000 characters/],
    [{ taskType: 'CleanGPJobs', outcome: 'failed', when: 'now' }, /Unknown field 'when'/],
  ])('refuses %j with an ArcGIS error envelope and changes nothing', async (fields, detail) => {
    running.reset();
    running.outcomes.set({ taskType: 'CreateBackup' }, { outcome: 'skipped', times: 1 });
    const before = { outcomes: running.outcomes.list(), state: await state(server) };
    const res = await request(server).post('/__mock/outcomes').type('form').send(form(fields));
    expect(res.body.error).toMatchObject({ code: 400, message: 'Unable to set the outcome.' });
    expect(res.body.error.details.join(' ')).toMatch(detail);
    expect({ outcomes: running.outcomes.list(), state: await state(server) }).toEqual(before);
  });

  it('refuses a DELETE for an unknown target and keeps the rules', async () => {
    running.reset();
    running.outcomes.set({ taskType: 'CreateBackup' }, { outcome: 'skipped' });
    const res = await request(server).delete('/__mock/outcomes?taskType=Nope');
    expect(res.body.error).toMatchObject({ code: 400, message: 'Unable to clear outcomes.' });
    expect(running.outcomes.list()).toHaveLength(1);
  });
});
