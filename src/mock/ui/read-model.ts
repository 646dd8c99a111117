import { toEpochMillis } from '../../domain/dates.js';
import { clipToTaskDates, firingsOf } from '../../domain/task-firings.js';
import { TASK_TYPES, type Task } from '../../shapes/contract-types.js';
import type { RequestJournal } from '../journal/journal.js';
import type { RecordedRequest, RequestFilter } from '../journal/recorded-request.js';
import { bundledScenarios } from '../scenarios/read-scenario.js';
import { type OutcomeListing, STEERED_OUTCOMES } from '../schedules/outcomes.js';
import type { TestDouble } from '../test-double.js';
import type { ClockReading } from '../time/clock.js';
import { scheduleInWords } from './schedule-words.js';

const DAY_MS = 86_400_000;
/**
 * Tasks drawn on the timeline (the table lists every task): a large site's runs would make every
 * refresh megabytes, and each open page reads the view up to once a second.
 */
const TIMELINE_TASKS = 60;
/** Firings per task the timeline draws ahead (an hourly task fires 168 times in 7 days). */
const MAX_FIRINGS = 400;
/** Next fire times listed per task. */
const NEXT_FIRES = 3;
/** Journal entries the page shows. */
const JOURNAL_ROWS = 100;

/** One run on the timeline: when it fired and how it ended (epoch ms). */
interface RunView {
  readonly runId: string;
  readonly status: string;
  readonly result: string;
  readonly createdMs: number;
  readonly modifiedMs: number;
}

interface TaskView {
  readonly taskId: string;
  readonly title: string;
  readonly taskType: string;
  readonly taskState: string;
  readonly cronExpression: string;
  /** The schedule in words, or null when the expression is not one. */
  readonly scheduleWords: string | null;
  readonly lastStartMs: number | null;
  /** The next few firings (epoch ms); none for a paused task. */
  readonly nextFires: readonly number[];
  /** Firings ahead within the timeline's reach (none when the task is not on the timeline). */
  readonly firings: readonly number[];
  /** Runs within the timeline's reach, oldest first. */
  readonly runs: readonly RunView[];
  /** Where the dashboard serves the task's document as the mock holds it. */
  readonly jsonUrl: string;
}

/** What the dashboard page renders: the mock's state at one revision. */
export interface DashboardView {
  readonly revision: number;
  readonly clock: ClockReading;
  readonly scenario: string | null;
  readonly scenarios: readonly string[];
  readonly outcomes: readonly OutcomeListing[];
  readonly taskTypes: readonly string[];
  readonly steeredOutcomes: readonly string[];
  /** Every task; only the first `timelineTasks` carry their runs and firings. */
  readonly tasks: readonly TaskView[];
  readonly timelineTasks: number;
  readonly journal: {
    readonly enabled: boolean;
    /** Newest first, at most JOURNAL_ROWS, as the journal holds them (secrets masked). */
    readonly requests: readonly RecordedRequest[];
    readonly held: number;
    readonly operationIds: readonly string[];
  };
}

let scenarioNames: readonly string[] | undefined;

function scenarioList(): readonly string[] {
  scenarioNames ??= bundledScenarios();
  return scenarioNames;
}

/** Run dates as epoch ms, by their text: formatted dates cost a regex each, and the view is re-read often. */
const epochOf = new Map<unknown, number>();

function epochMs(value: unknown): number {
  let ms = epochOf.get(value);
  if (ms === undefined) {
    ms = toEpochMillis(value);
    if (epochOf.size >= 50_000) epochOf.clear();
    epochOf.set(value, ms);
  }
  return ms;
}

const finite = (ms: number): number | null => (Number.isFinite(ms) ? ms : null);

function taskView(double: TestDouble, task: Task, now: number, reachMs: number): TaskView {
  const firings = firingsOf(task);
  let ahead: number[] = [];
  let next: number[] = [];
  if (firings && task.taskState === 'active') {
    const reach = clipToTaskDates(firings, now, now + reachMs);
    ahead = firings.schedule.firstFires(reach.after, reach.upTo, MAX_FIRINGS);
    const all = clipToTaskDates(firings, now, Number.POSITIVE_INFINITY);
    next = ahead.length >= NEXT_FIRES ? ahead : firings.schedule.firstFires(all.after, all.upTo, NEXT_FIRES);
  }
  const from = now - reachMs;
  const runs: RunView[] = [];
  for (const run of reachMs === 0 ? [] : (double.store.runs(task.taskId) ?? [])) {
    const createdMs = epochMs(run.created);
    if (!(createdMs >= from)) continue;
    runs.push({
      runId: run.runId,
      status: run.status,
      result: run.result,
      createdMs,
      modifiedMs: epochMs(run.modified),
    });
  }
  runs.sort((a, b) => a.createdMs - b.createdMs);
  return {
    taskId: task.taskId,
    title: task.taskTitle ?? task.taskId,
    taskType: task.taskType,
    taskState: task.taskState,
    cronExpression: task.cronExpression,
    scheduleWords: scheduleInWords(task.cronExpression) ?? null,
    lastStartMs: task.lastStart === undefined ? null : finite(toEpochMillis(task.lastStart)),
    nextFires: next.slice(0, NEXT_FIRES),
    firings: ahead,
    runs,
    jsonUrl: `/__mock/ui/tasks/${encodeURIComponent(task.taskId)}`,
  };
}

/**
 * The dashboard's read model: tasks with their schedules, next fire times and recent runs, the
 * clock, outcomes, scenarios and the newest journal entries that pass `filter` (the journal's own
 * filters; a bad one throws `RequestFilterError`). Schedules catch up first, as for `/__mock/state`.
 */
export function dashboardView(
  double: TestDouble,
  journal: RequestJournal,
  revision: number,
  filter: RequestFilter,
  /** How far either side of now the timeline reaches, in days. */
  days: number,
): DashboardView {
  double.tick();
  const now = double.clock.now();
  return {
    revision,
    clock: double.clock.read(),
    scenario: double.scenarioName ?? null,
    scenarios: scenarioList(),
    outcomes: double.outcomes.list(),
    taskTypes: TASK_TYPES,
    steeredOutcomes: STEERED_OUTCOMES,
    tasks: double.store.tasks().map((task, i) => taskView(double, task, now, i < TIMELINE_TASKS ? days * DAY_MS : 0)),
    timelineTasks: TIMELINE_TASKS,
    journal: {
      enabled: journal.enabled,
      requests: journal.enabled ? journal.newest(JOURNAL_ROWS, filter) : [],
      held: journal.stats().held,
      operationIds: [...journal.operationIds].sort(),
    },
  };
}
