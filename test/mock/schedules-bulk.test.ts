import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { dateValue, QuartzSchedule } from '../../src/domain/index.js';
import { generateTask } from '../../src/fixtures/index.js';
import type { FixtureSet } from '../../src/fixtures/types.js';
import { MAX_RUNS_PER_TASK, MockClock, Outcomes, type SteeredOutcome } from '../../src/mock/index.js';
import { ScheduleEngine } from '../../src/mock/schedules/engine.js';
import type { Decision, OutcomeRule, OutcomeTarget } from '../../src/mock/schedules/outcomes.js';
import { planRun, runAt } from '../../src/mock/schedules/run-lifecycle.js';
import { MockStore } from '../../src/mock/store.js';
import type { Run, Task, TaskType } from '../../src/shapes/contract-types.js';

// The engine catches up in bulk (counted firings, only the kept runs built, counted outcome rules used
// up in bulk). The reference here is the one-by-one loop it replaced: every firing enumerated, in time
// order across tasks (ties in task order), each taking its decision with `Outcomes.take`.

const START = Date.UTC(2025, 5, 1);
const MINUTE = 60_000;
const SEED = 7;
const CRONS = ['0 * * * * ?', '0 */7 * * * ?', '30 15 * * * ?', '0 0 4 * * ?', '0 */5 * ? * 2-6'];
const TYPES: TaskType[] = ['CreateBackup', 'CleanGPJobs'];
const OUTCOMES: SteeredOutcome[] = ['succeeded', 'failed', 'submitfailed', 'skipped'];

interface TaskSpec {
  cron: string;
  type: TaskType;
  maxOccurrences: number | null;
  startMinutes: number | null;
  endMinutes: number | null;
}
interface RuleSpec {
  target: { task: number } | { type: TaskType };
  rule: OutcomeRule;
}
type Step = { advanceMs: number } | { toggle: number };

const taskSpec = fc.record({
  cron: fc.constantFrom(...CRONS),
  type: fc.constantFrom(...TYPES),
  maxOccurrences: fc.option(fc.integer({ min: 1, max: 400 })),
  startMinutes: fc.option(fc.integer({ min: 0, max: 300 })),
  endMinutes: fc.option(fc.integer({ min: 0, max: 900 })),
});
const ruleSpec = fc.record({
  target: fc.oneof(fc.record({ task: fc.nat(3) }), fc.record({ type: fc.constantFrom(...TYPES) })),
  rule: fc.record(
    {
      outcome: fc.constantFrom(...OUTCOMES),
      times: fc.integer({ min: 1, max: 300 }),
      message: fc.constantFrom('disk full', 'steered'),
    },
    { requiredKeys: ['outcome'] },
  ),
});
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ advanceMs: fc.integer({ min: 0, max: 400 * MINUTE + 59_999 }) }) },
  { weight: 1, arbitrary: fc.record({ toggle: fc.nat(3) }) },
);

function tasksOf(specs: readonly TaskSpec[]): Task[] {
  return specs.map((spec, i) => {
    const created = START - 3_600_000;
    return generateTask(spec.type, {
      seed: `bulk-${i}`,
      dateStyle: i % 2 ? 'formatted' : 'epoch',
      taskState: 'active',
      overrides: {
        cronExpression: spec.cron,
        created: dateValue(created, i % 2 ? 'formatted' : 'epoch'),
        updated: created,
        lastStart: undefined,
        generation: 1,
        maxOccurrences: spec.maxOccurrences ?? -1,
        startDate: spec.startMinutes === null ? undefined : START + spec.startMinutes * MINUTE,
        endDate: spec.endMinutes === null ? undefined : START + spec.endMinutes * MINUTE,
      } as never,
    });
  });
}

function targetOf(spec: RuleSpec, tasks: readonly Task[]): OutcomeTarget {
  return 'task' in spec.target
    ? { taskId: tasks[spec.target.task % tasks.length]!.taskId }
    : { taskType: spec.target.type };
}

/** What the engine leaves: per task its document and runs (without the embedded task), and the rules left. */
function engineAfter(tasks: Task[], rules: readonly RuleSpec[], steps: readonly Step[]) {
  const set: FixtureSet = {
    meta: { seed: 1, refDate: new Date(START).toISOString(), tasksPerType: 0, runsPerTask: 0, generator: 'test' },
    tasks,
    runs: Object.fromEntries(tasks.map((t) => [t.taskId, []])),
  };
  const store = new MockStore(set, SEED);
  const clock = new MockClock(START);
  const outcomes = new Outcomes();
  const engine = new ScheduleEngine(store, outcomes, SEED, () => clock.now());
  clock.onChange((now) => engine.catchUp(now));
  for (const spec of rules) outcomes.set(targetOf(spec, tasks), spec.rule);
  for (const s of steps) {
    if ('advanceMs' in s) clock.advance(s.advanceMs);
    else {
      const task = store.task(tasks[s.toggle % tasks.length]!.taskId)!;
      store.putTask({ ...task, taskState: task.taskState === 'active' ? 'inactive' : 'active' } as Task);
    }
  }
  return {
    tasks: tasks.map((t) => {
      const { generation, lastStart } = store.task(t.taskId)!;
      return { generation, lastStart, runs: store.runs(t.taskId)!.map(withoutTask) };
    }),
    rules: outcomes.list(),
    revision: outcomes.revision,
  };
}

/** The one-by-one reference. */
function oneByOne(tasks: Task[], rules: readonly RuleSpec[], steps: readonly Step[]) {
  const outcomes = new Outcomes();
  for (const spec of rules) outcomes.set(targetOf(spec, tasks), spec.rule);
  const state = tasks.map((task) => ({
    task,
    active: true,
    schedule: QuartzSchedule.parse(task.cronExpression),
    fired: [] as { fireMs: number; decision: Decision }[],
  }));
  let now = START;
  for (const s of steps) {
    if ('toggle' in s) {
      const t = state[s.toggle % state.length]!;
      t.active = !t.active;
      continue;
    }
    const upTo = now + s.advanceMs;
    const firings: { fireMs: number; index: number }[] = [];
    state.forEach((t, index) => {
      if (!t.active) return;
      let fired = t.fired.length;
      for (const fireMs of t.schedule.firstFires(now, upTo, Number.POSITIVE_INFINITY)) {
        const { startDate, endDate, maxOccurrences } = t.task as unknown as Record<string, number | undefined>;
        if (startDate !== undefined && fireMs < startDate) continue;
        if (endDate !== undefined && fireMs > endDate) continue;
        if (maxOccurrences! > 0 && fired >= maxOccurrences!) continue;
        fired++;
        firings.push({ fireMs, index });
      }
    });
    firings.sort((a, b) => a.fireMs - b.fireMs || a.index - b.index);
    for (const { fireMs, index } of firings) {
      const t = state[index]!;
      t.fired.push({ fireMs, decision: outcomes.take(t.task) });
    }
    now = upTo;
  }
  return {
    tasks: state.map(({ task, fired }) => {
      const style = typeof task.created === 'number' ? 'epoch' : 'formatted';
      const last = fired[fired.length - 1];
      return {
        generation: task.generation + fired.length,
        lastStart: last ? dateValue(last.fireMs, style) : undefined,
        runs: fired
          .slice(-MAX_RUNS_PER_TASK)
          .map(({ fireMs, decision }) => withoutTask(runAt(planRun(task, fireMs, decision, SEED), task, now))),
      };
    }),
    rules: outcomes.list(),
    revision: outcomes.revision,
  };
}

function withoutTask(run: Run): Omit<Run, 'task'> {
  const { task: _, ...rest } = run;
  return rest;
}

describe('catching up in bulk', () => {
  it('leaves the same runs, generations and remaining outcome rules as one firing at a time', () => {
    fc.assert(
      fc.property(
        fc.array(taskSpec, { minLength: 1, maxLength: 4 }),
        fc.array(ruleSpec, { maxLength: 6 }),
        fc.array(step, { minLength: 1, maxLength: 4 }),
        (specs, rules, steps) => {
          const tasks = tasksOf(specs);
          expect(engineAfter(tasks, rules, steps)).toEqual(oneByOne(tasks, rules, steps));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('drops runs and shares a type rule across tasks firing at the same instants (the case that needs positions)', () => {
    const tasks = tasksOf([0, 1, 2].map(() => ({ ...everyMinute, type: 'CreateBackup' as TaskType })));
    const rules: RuleSpec[] = [
      { target: { type: 'CreateBackup' }, rule: { outcome: 'failed', times: 700 } },
      { target: { type: 'CreateBackup' }, rule: { outcome: 'skipped', times: 5 } },
      { target: { task: 1 }, rule: { outcome: 'submitfailed', times: 30 } },
    ];
    const steps: Step[] = [{ advanceMs: 300 * MINUTE }];
    const got = engineAfter(tasks, rules, steps);
    expect(got).toEqual(oneByOne(tasks, rules, steps));
    expect(got.tasks.map((t) => t.runs.length)).toEqual([MAX_RUNS_PER_TASK, MAX_RUNS_PER_TASK, MAX_RUNS_PER_TASK]);
    const statuses = new Set(got.tasks.flatMap((t) => t.runs.map((r) => r.status)));
    for (const status of ['failed', 'skipped', 'succeeded']) expect(statuses).toContain(status);
  });
});

const everyMinute: TaskSpec = {
  cron: '0 * * * * ?',
  type: 'CleanGPJobs',
  maxOccurrences: null,
  startMinutes: null,
  endMinutes: null,
};
