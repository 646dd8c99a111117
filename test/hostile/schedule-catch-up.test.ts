import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { cronExpressionFor, runIntervalSecondsFor } from '../../src/domain/index.js';
import { generateTask } from '../../src/fixtures/index.js';
import type { FixtureSet } from '../../src/fixtures/types.js';
import { MAX_RUNS_PER_TASK, MockClock, Outcomes, type RunningMock, startMockServer } from '../../src/mock/index.js';
import { ScheduleEngine } from '../../src/mock/schedules/engine.js';
import { MockStore } from '../../src/mock/store.js';
import type { CronSchedule, Task, TaskType } from '../../src/shapes/contract-types.js';
import { ADMIN, form, tokenFor } from '../mock/helpers.js';

// issue 17, "Unbounded work": a counted outcome rule of a million firings and an advance of a hundred
// years cost the runs kept, not the firings (it used to block the event loop for 44 s).

const START = Date.UTC(2026, 0, 1);
const END = Date.UTC(2126, 0, 1); // P100Y later
const MINUTE = 60_000;
const DAY = 86_400_000;
const MILLION = 1_000_000;

const EVERY_MINUTE: CronSchedule = { dayOfWeek: '?', hour: '*', month: '*', dayOfMonth: '*', minute: '*' };
const DAILY_4AM: CronSchedule = { dayOfWeek: '?', hour: '4', month: '*', dayOfMonth: '*', minute: '0' };

function task(taskType: TaskType, cronSchedule: CronSchedule, seed: string): Task {
  const cron = {
    cronSchedule,
    cronExpression: cronExpressionFor(cronSchedule),
    runIntervalSeconds: runIntervalSecondsFor(cronSchedule),
  };
  return generateTask(taskType, {
    seed,
    taskState: 'active',
    overrides: { ...cron, created: START, updated: START, lastStart: undefined, generation: 1 } as never,
  });
}

describe('a hundred years of firings with counted outcome rules of a million', () => {
  it('fires arithmetically: the store is written per run kept, the rules are used up in bulk', () => {
    const everyMinute = task('CleanGPJobs', EVERY_MINUTE, 'minute');
    const daily = task('CreateBackup', DAILY_4AM, 'daily');
    const set: FixtureSet = {
      meta: { seed: 1, refDate: new Date(START).toISOString(), tasksPerType: 0, runsPerTask: 0, generator: 'test' },
      tasks: [everyMinute, daily],
      runs: { [everyMinute.taskId]: [], [daily.taskId]: [] },
    };
    const store = new MockStore(set, 1);
    const clock = new MockClock(START);
    const outcomes = new Outcomes();
    const engine = new ScheduleEngine(store, outcomes, 1, () => clock.now());
    clock.onChange((now) => engine.catchUp(now));
    outcomes.set({ taskId: everyMinute.taskId }, { outcome: 'failed', times: MILLION });
    outcomes.set({ taskType: 'CreateBackup' }, { outcome: 'skipped', times: MILLION });
    const writesBefore = store.revision;

    clock.advance('P100Y');
    expect(clock.now()).toBe(END);

    // the work: one write per run kept and per task, not one per firing (52 million of them)
    expect(store.revision - writesBefore).toBeLessThanOrEqual(2 * (MAX_RUNS_PER_TASK + 1));
    const minutes = (END - START) / MINUTE;
    const days = (END - START) / DAY;
    expect(store.task(everyMinute.taskId)!.generation).toBe(1 + minutes);
    expect(store.task(daily.taskId)!.generation).toBe(1 + days);
    const kept = store.runs(everyMinute.taskId)!;
    expect(kept).toHaveLength(MAX_RUNS_PER_TASK);
    expect(kept.at(-1)!.created).toBe(END);
    // the million failures were used by the first firings, long gone; the kept ones are the default
    expect(kept.slice(0, -5).every((r) => r.status === 'succeeded')).toBe(true);
    expect(
      store
        .runs(daily.taskId)!
        .slice(0, -1)
        .every((r) => r.status === 'skipped'),
    ).toBe(true);
    expect(outcomes.list()).toEqual([
      { target: { taskType: 'CreateBackup' }, outcome: 'skipped', timesLeft: MILLION - days },
    ]);
  });
});

describe('the same over HTTP', () => {
  let running: RunningMock;
  beforeAll(async () => {
    running = await startMockServer({ port: 0, clock: new Date(START).toISOString() });
  });
  afterAll(() => running.close());

  it('answers the advance and keeps answering, with 200 runs kept and the rule used up', async () => {
    const server = running.server;
    const everyMinute = task('CleanGPJobs', EVERY_MINUTE, 'http-minute');
    const put = await request(server)
      .post('/__mock/tasks')
      .type('form')
      .send(form({ task: JSON.stringify(everyMinute) }));
    expect(put.body).toEqual({ status: 'success' });
    const steer = await request(server)
      .post('/__mock/outcomes')
      .type('form')
      .send(form({ taskId: everyMinute.taskId, outcome: 'failed', times: String(MILLION) }));
    expect(steer.status).toBe(200);
    const advanced = await request(server)
      .post('/__mock/clock')
      .type('form')
      .send(form({ advance: 'P100Y' }));
    expect(advanced.status).toBe(200);
    expect(advanced.body.error).toBeUndefined();

    const token = await tokenFor(server);
    const runs = await request(server)
      .get(`${ADMIN}/system/tasks/${everyMinute.taskId}/runs`)
      .query({ f: 'json', token });
    expect(runs.body.result).toHaveLength(MAX_RUNS_PER_TASK);
    const read = await request(server).get(`${ADMIN}/system/tasks/${everyMinute.taskId}`).query({ f: 'json', token });
    expect(read.body.generation).toBe(1 + (END - START) / MINUTE);
    expect((await request(server).get('/__mock/outcomes')).body).toEqual({ outcomes: [] });
  });
});
