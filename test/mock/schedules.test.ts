import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { loadContractCached } from '../../src/contract/load.js';
import {
  checkRunInvariants,
  cronExpressionFor,
  dateValue,
  runIntervalSecondsFor,
  toEpochMillis,
} from '../../src/domain/index.js';
import { generateTask } from '../../src/fixtures/index.js';
import { RUN_RESULTS } from '../../src/fixtures/run-outcomes.js';
import type { FixtureSet } from '../../src/fixtures/types.js';
import { MAX_RUNS_PER_TASK, MockClock, Outcomes, SUBMIT_MS } from '../../src/mock/index.js';
import { ScheduleEngine } from '../../src/mock/schedules/engine.js';
import { MockStore } from '../../src/mock/store.js';
import type { CronSchedule, Run, Task, TaskType } from '../../src/shapes/contract-types.js';
import { ContractValidator } from '../../src/validation/index.js';
import { ADMIN, mock, tokenFor } from './helpers.js';

const START = Date.UTC(2025, 5, 1);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A task on `schedule`, created an hour before START, that never ran. */
function taskOn(
  schedule: CronSchedule,
  options: { taskType?: TaskType; seed?: number; style?: 'epoch' | 'formatted'; extra?: Partial<Task> } = {},
): Task {
  const style = options.style ?? 'epoch';
  const created = dateValue(START - HOUR, style);
  return generateTask(options.taskType ?? 'CleanGPJobs', {
    seed: options.seed ?? 1,
    dateStyle: style,
    taskState: 'active',
    overrides: {
      cronSchedule: schedule,
      cronExpression: cronExpressionFor(schedule),
      runIntervalSeconds: runIntervalSecondsFor(schedule),
      created,
      updated: created,
      lastStart: undefined,
      startDate: undefined,
      generation: 1,
      ...(options.extra ?? {}),
    } as never,
  });
}

const HOURLY: CronSchedule = { dayOfWeek: '?', hour: '*', month: '*', dayOfMonth: '*', minute: '0' };
const SATURDAYS_4AM: CronSchedule = { dayOfWeek: '7', hour: '4', month: '*', dayOfMonth: '?', minute: '0' };

/** A store, clock and engine on these tasks, the clock frozen at START. */
function engineOn(tasks: Task[], seed: number | string = 1, runs: Record<string, Run[]> = {}) {
  const set: FixtureSet = {
    meta: { seed: 1, refDate: new Date(START).toISOString(), tasksPerType: 0, runsPerTask: 0, generator: 'test' },
    tasks,
    runs: Object.fromEntries(tasks.map((t) => [t.taskId, runs[t.taskId] ?? []])),
  };
  const store = new MockStore(set, seed);
  const clock = new MockClock(START);
  const outcomes = new Outcomes();
  const engine = new ScheduleEngine(store, outcomes, seed, () => clock.now());
  clock.onChange((now) => engine.catchUp(now));
  return { store, clock, outcomes, engine };
}

const ms = (value: unknown) => toEpochMillis(value);
const createdTimes = (runs: readonly Run[]) => runs.map((r) => ms(r.created));

let runValidator: ReturnType<ContractValidator['forComponent']>;
beforeAll(async () => {
  runValidator = ContractValidator.for(await loadContractCached()).forComponent('Run');
});

describe('schedules that run', () => {
  it("fires the seed's weekly backup '0 0 4 ? * 7' on Saturdays 04:00 UTC, and moves each run along", () => {
    const task = taskOn(SATURDAYS_4AM, { taskType: 'CreateBackup', style: 'formatted' });
    const { store, clock } = engineOn([task]);
    clock.advance('P14D');
    const runs = store.runs(task.taskId)!;
    expect(createdTimes(runs).map((t) => new Date(t).toISOString())).toEqual([
      '2025-06-07T04:00:00.000Z',
      '2025-06-14T04:00:00.000Z',
    ]);
    const after = store.task(task.taskId)!;
    expect(after.lastStart).toBe('Jun 14, 2025, 4:00:00 AM'); // the task's own date style
    expect(after.generation).toBe(task.generation + 2);
    expect(after.updated).toBe(task.updated); // a run is not an edit
    for (const run of runs) {
      expect(run.status).toBe('succeeded');
      expect(RUN_RESULTS.CreateBackup.succeeded).toContain(run.result);
      expect(typeof run.modified).toBe('string');
    }
    // scheduled at the firing, executing a second later, final after the type's duration
    clock.set(Date.UTC(2025, 5, 21, 4));
    const fired = store.runs(task.taskId)!.at(-1)!;
    expect(fired).toMatchObject({ status: 'scheduled', result: '', modified: 'Jun 21, 2025, 4:00:00 AM' });
    clock.advance(SUBMIT_MS);
    expect(store.runs(task.taskId)!.at(-1)).toMatchObject({
      status: 'executing',
      modified: 'Jun 21, 2025, 4:00:01 AM',
    });
    clock.advance('PT1H');
    const done = store.runs(task.taskId)!.at(-1)!;
    expect(done.status).toBe('succeeded');
    expect(ms(done.modified) - ms(done.created)).toBeGreaterThanOrEqual(SUBMIT_MS + 90_000);
    expect(ms(done.modified) - ms(done.created)).toBeLessThanOrEqual(SUBMIT_MS + 2_400_000);
  });

  it('does not fire a paused task, and after enable fires only the slots still to come', () => {
    const task = taskOn(HOURLY, { extra: { taskState: 'paused', active: false } });
    const { store, clock } = engineOn([task]);
    clock.advance('P2D');
    expect(store.runs(task.taskId)).toEqual([]);
    expect(store.task(task.taskId)!.generation).toBe(task.generation);
    store.putTask({ ...store.task(task.taskId)!, taskState: 'active', active: true } as Task);
    clock.advance('PT3H30M');
    expect(createdTimes(store.runs(task.taskId)!)).toEqual([
      START + 2 * DAY + HOUR,
      START + 2 * DAY + 2 * HOUR,
      START + 2 * DAY + 3 * HOUR,
    ]);
  });

  it('honours startDate and endDate (inclusive) and maxOccurrences over several advances', () => {
    const bounded = taskOn(HOURLY, { extra: { startDate: START + 5 * HOUR, endDate: START + 8 * HOUR } });
    const limited = taskOn(HOURLY, { seed: 2, extra: { maxOccurrences: 4 } });
    const { store, clock } = engineOn([bounded, limited]);
    clock.advance('PT2H');
    clock.advance('PT1H30M');
    clock.advance('P1D');
    expect(createdTimes(store.runs(bounded.taskId)!)).toEqual([5, 6, 7, 8].map((h) => START + h * HOUR));
    expect(createdTimes(store.runs(limited.taskId)!)).toEqual([1, 2, 3, 4].map((h) => START + h * HOUR));
    expect(store.task(limited.taskId)!.lastStart).toBe(START + 4 * HOUR);
  });

  it(`keeps the newest ${MAX_RUNS_PER_TASK} runs per task; a year of an hourly task counts every firing`, () => {
    const task = taskOn(HOURLY);
    const { store, clock, engine } = engineOn([task]);
    clock.advance('P365D');
    const runs = store.runs(task.taskId)!;
    expect(runs).toHaveLength(MAX_RUNS_PER_TASK);
    expect(ms(runs.at(-1)!.created)).toBe(START + 365 * DAY);
    expect(ms(runs[0]!.created)).toBe(START + 365 * DAY - (MAX_RUNS_PER_TASK - 1) * HOUR);
    expect(store.task(task.taskId)!.generation).toBe(task.generation + 365 * 24);
    expect(engine.nextDue).toBe(START + 365 * DAY + SUBMIT_MS); // the last run is still scheduled
  });

  it('takes over the scheduled run the data already had for a firing, and lets go of runs a client edited', () => {
    const task = taskOn(HOURLY);
    const waiting: Run = {
      runId: 'abcdefabcdefabcdefabcdefabcdef01',
      status: 'scheduled',
      result: '',
      url: '',
      created: START + HOUR,
      modified: START + HOUR,
      task,
    };
    const { store, clock } = engineOn([task], 1, { [task.taskId]: [waiting] });
    clock.advance('PT1H');
    expect(store.runs(task.taskId)!.map((r) => r.runId)).toEqual([waiting.runId]);
    store.putRun(task.taskId, { ...store.storedRun(task.taskId, waiting.runId)!, status: 'failed', result: 'by hand' });
    clock.advance('PT10M');
    expect(store.run(task.taskId, waiting.runId)).toMatchObject({ status: 'failed', result: 'by hand' });
  });

  it('produces runs the contract and the invariants accept, at the fire times a brute-force scan finds, however time is split', () => {
    const values = (max: number, min = 0) =>
      fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 3 }).map((v) => v.sort((a, b) => a - b));
    fc.assert(
      fc.property(
        values(59),
        fc.oneof(values(23), fc.constant(['*'])),
        fc.oneof(fc.record({ dom: values(31, 1) }), fc.record({ dow: values(7, 1) })),
        fc.constantFrom<'epoch' | 'formatted'>('epoch', 'formatted'),
        fc.array(fc.integer({ min: 1, max: 36 * 60 }), { minLength: 1, maxLength: 4 }),
        fc.option(
          fc.record({
            outcome: fc.constantFrom('succeeded', 'failed', 'submitfailed', 'skipped' as const),
            times: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
          }),
          { nil: undefined },
        ),
        (minute, hour, days, style, stepsMinutes, steer) => {
          const schedule: CronSchedule = {
            minute: minute.join(','),
            hour: hour.join(','),
            dayOfMonth: 'dom' in days ? days.dom.join(',') : '?',
            month: '*',
            dayOfWeek: 'dow' in days ? days.dow.join(',') : '?',
          };
          const task = taskOn(schedule, { style, taskType: 'BackupRetentionCleaner' });
          const steered = (e: ReturnType<typeof engineOn>) => {
            if (steer)
              e.outcomes.set({ taskType: 'BackupRetentionCleaner' }, steer.times ? steer : { outcome: steer.outcome });
            return e;
          };
          const stepped = steered(engineOn([task], 'prop'));
          for (const step of stepsMinutes) stepped.clock.advance(step * 60_000);
          const end = stepped.clock.now();
          const once = steered(engineOn([task], 'prop'));
          once.clock.advance(end - START);
          const runs = stepped.store.runs(task.taskId)!;
          expect(JSON.stringify(once.store.runs(task.taskId))).toBe(JSON.stringify(runs));

          const expected: number[] = [];
          for (let t = START + 60_000; t <= end; t += 60_000) {
            const d = new Date(t);
            const dayOk = 'dom' in days ? days.dom.includes(d.getUTCDate()) : days.dow.includes(d.getUTCDay() + 1);
            const hourOk = hour[0] === '*' || (hour as number[]).includes(d.getUTCHours());
            if (dayOk && hourOk && minute.includes(d.getUTCMinutes())) expected.push(t);
          }
          expect(createdTimes(runs)).toEqual(expected.slice(-MAX_RUNS_PER_TASK));
          const after = stepped.store.task(task.taskId)!;
          expect(after.generation).toBe(task.generation + expected.length);
          if (expected.length > 0) expect(ms(after.lastStart)).toBe(expected.at(-1));
          if (steer && expected.length > 0 && end - expected[0]! > 3_000_000) {
            // the first firing ended as steered (its run is kept when there are few)
            const first = runs.find((r) => ms(r.created) === expected[0]);
            if (first) expect(first.status).toBe(steer.outcome);
          }
          for (const run of runs) {
            const contract = runValidator.validate(run);
            expect(contract.violations).toEqual([]);
            expect(checkRunInvariants(run, after)).toEqual([]);
            expect(typeof run.created).toBe(style === 'epoch' ? 'number' : 'string');
          }
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });
});

describe('schedules behind the HTTP API', () => {
  it('a task created over HTTP fires as the clock advances; disable stops it; runs are listed and readable', async () => {
    const server = mock({ clock: new Date(START).toISOString() });
    const token = await tokenFor(server, 'admin', 'admin', { expiration: '20160' }); // tokens expire in mock time
    const post = (path: string, fields: Record<string, string> = {}) =>
      request(server)
        .post(`${ADMIN}/system/tasks${path}`)
        .type('form')
        .send({ f: 'json', token, ...fields });
    const created = await post('/createTask', {
      type: 'CreateHealthCheckReports',
      parameters: '{"suiteIds":"a"}',
      minute: '30',
      hour: '*/6',
      dayOfMonth: '*',
      month: '*',
      dayOfWeek: '?',
    });
    const id = created.body.taskId as string;
    await request(server).post('/__mock/clock').type('form').send('advance=P1D');
    const runs = (await request(server).get(`${ADMIN}/system/tasks/${id}/runs?f=json&token=${token}`)).body.result;
    expect(runs.map((r: Run) => new Date(ms(r.created)).toISOString().slice(11, 16))).toEqual([
      '00:30',
      '06:30',
      '12:30',
      '18:30',
    ]);
    expect(runs.every((r: Run) => r.status === 'succeeded')).toBe(true);
    const one = await request(server).get(`${ADMIN}/system/tasks/${id}/runs/${runs[0].runId}?f=json&token=${token}`);
    expect(one.body.runId).toBe(runs[0].runId);
    await post(`/${id}/disable`);
    await request(server).post('/__mock/clock').type('form').send('advance=P1D');
    const later = (await request(server).get(`${ADMIN}/system/tasks/${id}/runs?f=json&token=${token}`)).body.result;
    expect(later).toHaveLength(4);
  });
});
