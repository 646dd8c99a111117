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
}

/** Ours: the schedule engine on a store of the set; what is timed is one `advance('P30D')`. */
function ours(set: FixtureSet): { advance: () => void; outcome: () => Map<string, Outcome> } {
  const store = new MockStore(set, 1);
  const clock = new MockClock(START);
  const engine = new ScheduleEngine(store, new Outcomes(), 1, () => clock.now());
  clock.onChange((now) => engine.catchUp(now));
  return { advance: () => clock.advance(`P${DAYS}D`), outcome: () => outcomeOf(store) };
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
    });
  }
  return out;
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
  for (const [taskId, expected] of b.value) {
    const got = a.value.get(taskId);
    const keptOurs = got?.kept.slice(-expected.kept.length);
    if (!got || got.generation !== expected.generation || JSON.stringify(keptOurs) !== JSON.stringify(expected.kept))
      throw new Error(`the engine and the baseline disagree on task ${taskId}`);
  }
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
}
