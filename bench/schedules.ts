import { Cron } from 'croner';
import { cronExpressionFor, runIntervalSecondsFor, toEpochMillis } from '../src/domain/index.js';
import { generateTask } from '../src/fixtures/index.js';
import type { FixtureSet } from '../src/fixtures/types.js';
import { readDefaultFixtureSet } from '../src/mock/fixture-source.js';
import { MAX_RUNS_PER_TASK, MockClock, Outcomes } from '../src/mock/index.js';
import { ScheduleEngine } from '../src/mock/schedules/engine.js';
import { planRun, runAt } from '../src/mock/schedules/run-lifecycle.js';
import { MockStore } from '../src/mock/store.js';
import type { CronSchedule, Run, Task } from '../src/shapes/contract-types.js';
import { printRows } from './report.js';

const START = Date.parse('2025-06-01T00:00:00Z');
const DAYS = 30;
const HOURLY: CronSchedule = { dayOfWeek: '?', hour: '*', month: '*', dayOfMonth: '*', minute: '0' };

/** The default set plus 100 hourly tasks that never ran, at the default set's reference date. */
function site(): FixtureSet {
  const set = readDefaultFixtureSet();
  for (let i = 0; i < 100; i++) {
    const task = generateTask(i % 2 ? 'CleanGPJobs' : 'BackupRetentionCleaner', {
      seed: `bench-${i}`,
      taskState: 'active',
      dateStyle: i % 3 ? 'epoch' : 'formatted',
      overrides: {
        cronSchedule: HOURLY,
        cronExpression: cronExpressionFor(HOURLY),
        runIntervalSeconds: runIntervalSecondsFor(HOURLY),
        created: START - 3_600_500,
        updated: START - 3_600_500,
        lastStart: undefined,
        generation: 1,
      } as never,
    });
    set.tasks.push(task);
    set.runs[task.taskId] = [];
  }
  return set;
}

interface Outcome {
  readonly generation: number;
  readonly kept: readonly number[];
  /** The kept runs' statuses (compared when outcome rules steer them). */
  readonly statuses: readonly string[];
}

/** A counted rule shared by the 50 hourly CleanGPJobs tasks and the default set's: the first 20,000 firings fail. */
const COUNTED = { target: { taskType: 'CleanGPJobs' }, rule: { outcome: 'failed', times: 20_000 } } as const;

/** Ours: the schedule engine on a store of the set; what is timed is one `advance('P30D')`. */
function ours(
  set: FixtureSet,
  counted = false,
): { advance: () => void; outcome: () => Map<string, Outcome>; rulesLeft: () => unknown } {
  const store = new MockStore(set, 1);
  const clock = new MockClock(START);
  const outcomes = new Outcomes();
  if (counted) outcomes.set(COUNTED.target, COUNTED.rule);
  const engine = new ScheduleEngine(store, outcomes, 1, () => clock.now());
  clock.onChange((now) => engine.catchUp(now));
  return {
    advance: () => clock.advance(`P${DAYS}D`),
    outcome: () => outcomeOf(store),
    rulesLeft: () => outcomes.list(),
  };
}

function outcomeOf(store: MockStore): Map<string, Outcome> {
  return new Map(
    store.tasks().map((t) => [
      t.taskId,
      {
        generation: t.generation,
        kept: store
          .runs(t.taskId)!
          .map((r) => toEpochMillis(r.created))
          .filter((c) => c > START),
        statuses: store
          .runs(t.taskId)!
          .filter((r) => toEpochMillis(r.created) > START)
          .map((r) => r.status),
      },
    ]),
  );
}

/**
 * The baseline: croner's own enumeration, one `nextRun` per firing, a run document for every firing
 * and the oldest dropped beyond the same bound; the same run model (planRun, runAt).
 */
function baseline(set: FixtureSet): Map<string, Outcome> {
  const end = START + DAYS * 86_400_000;
  const out = new Map<string, Outcome>();
  for (const task of set.tasks) {
    const cron = new Cron(task.cronExpression, { utcOffset: 0, alternativeWeekdays: true, mode: '6-or-7-parts' });
    const runs: Run[] = [];
    let fired = 0;
    let current: Task = task;
    for (let t = cron.nextRun(new Date(START)); t && t.getTime() <= end; t = cron.nextRun(t)) {
      fired++;
      current = { ...current, lastStart: t.getTime(), generation: current.generation + 1 } as Task;
      runs.push(runAt(planRun(current, t.getTime(), { outcome: 'succeeded' }, 1), current, end));
      if (runs.length > MAX_RUNS_PER_TASK) runs.shift();
    }
    out.set(task.taskId, {
      generation: task.generation + fired,
      kept: runs.map((r) => toEpochMillis(r.created)),
      statuses: runs.map((r) => r.status),
    });
  }
  return out;
}

/**
 * The one-by-one loop the engine replaced, with the counted rule: every firing of every task in time
 * order (ties in task order) takes its decision with `Outcomes.take`, a run document per firing, the
 * oldest dropped beyond the same bound.
 */
function oneByOne(set: FixtureSet): { outcome: Map<string, Outcome>; rulesLeft: unknown } {
  const end = START + DAYS * 86_400_000;
  const outcomes = new Outcomes();
  outcomes.set(COUNTED.target, COUNTED.rule);
  const firings: { at: number; index: number }[] = [];
  set.tasks.forEach((task, index) => {
    const cron = new Cron(task.cronExpression, { utcOffset: 0, alternativeWeekdays: true, mode: '6-or-7-parts' });
    for (let t = cron.nextRun(new Date(START)); t && t.getTime() <= end; t = cron.nextRun(t))
      firings.push({ at: t.getTime(), index });
  });
  firings.sort((a, b) => a.at - b.at || a.index - b.index);
  const current = [...set.tasks];
  const runs: Run[][] = set.tasks.map(() => []);
  for (const { at, index } of firings) {
    const task = { ...current[index]!, lastStart: at, generation: current[index]!.generation + 1 } as Task;
    current[index] = task;
    runs[index]!.push(runAt(planRun(task, at, outcomes.take(task), 1), task, end));
    if (runs[index]!.length > MAX_RUNS_PER_TASK) runs[index]!.shift();
  }
  const outcome = new Map<string, Outcome>();
  set.tasks.forEach((task, i) => {
    outcome.set(task.taskId, {
      generation: current[i]!.generation,
      kept: runs[i]!.map((r) => toEpochMillis(r.created)),
      statuses: runs[i]!.map((r) => r.status),
    });
  });
  return { outcome, rulesLeft: outcomes.list() };
}

function sameAnswers(ours: Map<string, Outcome>, peer: Map<string, Outcome>, statuses: boolean): void {
  for (const [taskId, expected] of peer) {
    const got = ours.get(taskId);
    const n = expected.kept.length;
    if (
      !got ||
      got.generation !== expected.generation ||
      JSON.stringify(got.kept.slice(-n)) !== JSON.stringify(expected.kept) ||
      (statuses && JSON.stringify(got.statuses.slice(-n)) !== JSON.stringify(expected.statuses))
    )
      throw new Error(`the engine and the baseline disagree on task ${taskId}`);
  }
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Advancing 30 days over 100 hourly tasks plus the default set: the engine vs croner's enumeration. */
export async function runSchedulesBench(): Promise<void> {
  const set = site();
  ours(set).advance(); // warm-up: JIT
  baseline(set);
  const bestMs = (fn: () => unknown) => Math.min(...[0, 1, 2].map(() => timed(fn).ms));
  const engines = [0, 1, 2].map(() => ours(set));
  const a = { ms: Math.min(...engines.map((e) => timed(e.advance).ms)), value: engines[0]!.outcome() };
  const b = { ms: bestMs(() => baseline(set)), value: baseline(set) };
  sameAnswers(a.value, b.value, false);
  const firings = [...b.value.values()].reduce((n, o) => n + o.kept.length, 0);
  printRows(`schedules: advance ${DAYS} days over ${set.tasks.length} tasks (${firings} runs kept), same answers`, [
    {
      name: `advance P${DAYS}D, 100 hourly + the default set`,
      ours: a.ms,
      peer: b.ms,
      unit: 'ms',
      higherIsBetter: false,
      peerName: 'croner enumeration',
      goal: '< 1000 ms',
    },
  ]);

  // the same advance with a counted outcome rule: the engine uses it up in bulk
  oneByOne(set); // warm-up
  const counted = [0, 1, 2].map(() => ours(set, true));
  const c = { ms: Math.min(...counted.map((e) => timed(e.advance).ms)), value: counted[0]!.outcome() };
  const d = { ms: bestMs(() => oneByOne(set)), value: oneByOne(set) };
  sameAnswers(c.value, d.value.outcome, true);
  if (JSON.stringify(counted[0]!.rulesLeft()) !== JSON.stringify(d.value.rulesLeft))
    throw new Error('the engine and the one-by-one loop leave different outcome rules');
  printRows(
    `schedules: the same advance with a counted rule of ${COUNTED.rule.times} failures, same runs and rules left`,
    [
      {
        name: `advance P${DAYS}D, counted outcome rule`,
        ours: c.ms,
        peer: d.ms,
        unit: 'ms',
        higherIsBetter: false,
        peerName: 'one-by-one loop',
      },
    ],
  );
}
