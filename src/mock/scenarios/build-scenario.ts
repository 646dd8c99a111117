import type { ReleaseProfile } from '../../domain/releases.js';
import { fixtureSetOfRelease } from '../../fixtures/of-release.js';
import type { FixtureSet } from '../../fixtures/types.js';
import type { Run, Task } from '../../shapes/contract-types.js';
import type { ContractValidator } from '../../validation/contract-validator.js';
import { readDefaultFixtureSet } from '../fixture-source.js';
import { ScheduleEngine } from '../schedules/engine.js';
import { type OutcomeListing, Outcomes } from '../schedules/outcomes.js';
import { MockStore } from '../store.js';
import { setTaskState } from '../task-edits.js';
import { MockClock } from '../time/clock.js';
import {
  checkScenarioDocuments,
  parseScenario,
  readScenarioText,
  type ScenarioText,
  scenarioRelease,
} from './read-scenario.js';
import { type Scenario, ScenarioError } from './scenario.js';

/** What loading a scenario gives: the data `reset` returns to, and the settings around it. */
export interface BuiltScenario {
  readonly name: string;
  /** Every task and its runs (full documents) once built: generated, inline, paused and advanced. */
  readonly set: FixtureSet;
  /** Where the clock stands once built (epoch ms): its `clock`, or the start given, plus its `advance`. */
  readonly clockMs: number;
  /** True when the scenario sets the clock (it then starts frozen at `clockMs`). */
  readonly setsClock: boolean;
  /** Outcome rules still in force once built (counted ones with what is left of them). */
  readonly outcomes: readonly OutcomeListing[];
  /** Tokens last at most this long (ms), when the scenario says so. */
  readonly tokenLifetimeMs: number | undefined;
  /** The release the scenario is of, when it names one (also its set's `meta.siteVersion`). */
  readonly release: string | undefined;
}

/**
 * The validator of the contract as of a release (`undefined`: the contract as it is). A scenario
 * that names its release is judged by that release's contract.
 */
export type ValidatorForRelease = (release: ReleaseProfile | undefined) => Promise<ContractValidator>;

const EMPTY_META: FixtureSet['meta'] = {
  seed: 1,
  refDate: '2025-06-01T00:00:00.000Z',
  tasksPerType: 0,
  runsPerTask: 0,
  generator: 'arcgis-tasks-contract/fixtures@1',
};

async function baseSet(scenario: Scenario, release: ReleaseProfile | undefined): Promise<FixtureSet> {
  const base = scenario.base ?? 'empty';
  if (base === 'empty') return { meta: { ...EMPTY_META }, tasks: [], runs: {} };
  if (base === 'default') return fixtureSetOfRelease(await readDefaultFixtureSet(), release);
  // the generators bring faker: loaded only for scenarios that generate
  const { generateFixtureSet } = await import('../../fixtures/fixture-set.js');
  const { tasks, seed = 1, refDate, runsPerTask } = base.generate;
  return generateFixtureSet({
    seed,
    totalTasks: tasks,
    ...(refDate === undefined ? {} : { refDate }),
    ...(runsPerTask === undefined ? {} : { runsPerTask }),
    ...(release ? { types: release.taskTypes } : {}),
  });
}

function withInline(set: FixtureSet, scenario: Scenario): FixtureSet {
  const inline = scenario.tasks ?? [];
  const replaced = new Set(inline.map((t) => t.taskId));
  const runs: Record<string, Run[]> = {};
  for (const [id, list] of Object.entries(set.runs)) if (!replaced.has(id)) runs[id] = list;
  for (const task of inline) runs[task.taskId] = [...(scenario.runs?.[task.taskId] ?? [])];
  return { meta: set.meta, tasks: [...set.tasks.filter((t) => !replaced.has(t.taskId)), ...inline], runs };
}

function pausedOnes(store: MockStore, pause: Scenario['pause'], source: string): Task[] {
  if (pause === undefined) return [];
  if (pause === 'all') return store.tasks();
  return pause.flatMap((key, i) => {
    const found = store.tasks().filter((t) => t.taskId === key || t.taskType === key);
    if (found.length === 0) throw new ScenarioError(source, `/pause/${i}`, `no task has the id or the type "${key}"`);
    return found;
  });
}

/**
 * Builds a checked scenario into the state it describes, on a store, clock and schedules of its own
 * (nothing of a running mock is touched). `startMs` is where the clock stands when the scenario does
 * not set it. The scenario's `advance` moves that clock, schedules running.
 */
export async function buildScenario(
  text: ScenarioText,
  validatorFor: ValidatorForRelease,
  startMs: number,
): Promise<BuiltScenario> {
  const scenario = parseScenario(text, await validatorFor(undefined));
  const release = scenarioRelease(scenario);
  checkScenarioDocuments(text, scenario, await validatorFor(release));
  const seed = scenario.seed ?? 1;
  let clock: MockClock;
  try {
    clock = new MockClock(scenario.clock ?? startMs);
  } catch (error) {
    throw new ScenarioError(text.source, '/clock', (error as Error).message);
  }
  const store = new MockStore(withInline(await baseSet(scenario, release), scenario), seed);
  const outcomes = new Outcomes();
  const engine = new ScheduleEngine(store, outcomes, seed, () => clock.now());
  for (const task of pausedOnes(store, scenario.pause, text.source))
    if (task.taskState === 'active') store.putTask(setTaskState(task, 'paused', clock.now()));
  (scenario.outcomes ?? []).forEach((rule, i) => {
    const { outcome, times, message, ...target } = rule;
    if ('taskId' in target && !store.task(target.taskId))
      throw new ScenarioError(text.source, `/outcomes/${i}/taskId`, `no task has the id "${target.taskId}"`);
    outcomes.set(target, {
      outcome,
      ...(times === undefined ? {} : { times }),
      ...(message === undefined ? {} : { message }),
    });
  });
  if (scenario.advance !== undefined) {
    try {
      clock.advance(scenario.advance);
    } catch (error) {
      throw new ScenarioError(text.source, '/advance', (error as Error).message);
    }
    engine.catchUp(clock.now());
  }
  const tasks = store.tasks();
  const runs: Record<string, Run[]> = {};
  for (const task of tasks) runs[task.taskId] = store.runs(task.taskId)!;
  const seconds = scenario.tokens?.maxLifetimeSeconds;
  return {
    name: text.name,
    set: {
      meta: { ...store.meta, scenario: text.name, ...(release ? { siteVersion: release.version } : {}) },
      tasks,
      runs,
    },
    clockMs: clock.now(),
    setsClock: scenario.clock !== undefined,
    outcomes: outcomes.list(),
    tokenLifetimeMs: seconds === undefined ? undefined : seconds * 1000,
    release: release?.version,
  };
}

/**
 * The whole state a scenario produces, `{ tasks, runs }` with full documents (generated and advanced
 * parts included), without starting a server: for tools that check scenarios against a new version
 * of the contract. `nameOrFile` is a bundled scenario's name or a path to a scenario file.
 *
 * @example
 * const { tasks, runs } = await scenarioState('large-site'); // 500 tasks, a week of runs
 */
export async function scenarioState(
  nameOrFile: string,
  options: { specPath?: string; startMs?: number } = {},
): Promise<{ tasks: Task[]; runs: Record<string, Run[]>; clockMs: number }> {
  const [{ loadContractCached }, { contractForRelease }, { ContractValidator }] = await Promise.all([
    import('../../contract/load.js'),
    import('../../contract/release-spec.js'),
    import('../../validation/contract-validator.js'),
  ]);
  const contract = await loadContractCached(options.specPath);
  const validatorFor: ValidatorForRelease = async (release) =>
    ContractValidator.for(release ? await contractForRelease(contract, release) : contract);
  const built = await buildScenario(readScenarioText(nameOrFile), validatorFor, options.startMs ?? Date.now());
  return { tasks: built.set.tasks, runs: built.set.runs, clockMs: built.clockMs };
}
