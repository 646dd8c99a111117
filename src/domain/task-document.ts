import {
  type CronSchedule,
  type DateValue,
  type Task,
  type TaskType,
  TYPE_CONSTANT,
} from '../shapes/contract-types.js';
import { cronExpressionFor, runIntervalSecondsFor } from './cron.js';
import { orderedMerge } from './key-order.js';

// The one builder of task documents: the fixture generators and the mock's createTask, Edit Task,
// enable and disable all go through it, so the fields a server derives are derived in one place.

/** A task's state: `active` or `paused` (disabled). */
type TaskState = 'active' | 'paused';

/** What a task is made of; the rest of its document is derived from these. */
export interface TaskParts {
  readonly id: string;
  readonly ownerId: string;
  readonly orgId: string;
  readonly taskType: TaskType;
  readonly taskTitle: string;
  readonly schedule: CronSchedule;
  readonly state: TaskState;
  /** Incremented on every change: one per run and one per edit. */
  readonly generation: number;
  /** -1: without limit. */
  readonly maxOccurrences: number;
  /** Dates as the document writes them: epoch milliseconds or the formatted text (see `dateValue`). */
  readonly created: DateValue;
  readonly updated: DateValue;
  readonly lastStart?: DateValue;
  readonly startDate?: DateValue;
  readonly endDate?: DateValue;
  /** The top-level item id of the system tasks (CleanGPJobs, BackupRetentionCleaner). */
  readonly itemId?: string;
  readonly parameters?: Record<string, unknown>;
}

/**
 * The order a server writes a task's fields in (the seed's three samples). `endDate`, absent from
 * every sample, comes last.
 */
const TASK_KEY_ORDER = [
  'generation',
  'created',
  'active',
  'ownerId',
  'type',
  'orgId',
  'cronSchedule',
  'cronExpression',
  'itemId',
  'runIntervalSeconds',
  'taskType',
  'taskState',
  'taskTitle',
  'maxOccurrences',
  'id',
  'lastStart',
  'parameters',
  'updated',
  'taskId',
  'startDate',
  'endDate',
] as const;

/**
 * The periods of recent schedules, by their five fields: every Edit Task form sends a schedule (its
 * own fields over the stored ones), nearly always one seen before, and working its period out again
 * cost 0.7 µs of an Edit Task POST. Bounded. (Two schedules share a key only when a field holds a line
 * break, which no valid field does.)
 */
const periods = new Map<string, number>();

function periodOf(schedule: CronSchedule): number {
  const key = `${schedule.minute}\n${schedule.hour}\n${schedule.dayOfMonth}\n${schedule.month}\n${schedule.dayOfWeek}`;
  let seconds = periods.get(key);
  if (seconds === undefined) {
    seconds = runIntervalSecondsFor(schedule);
    if (periods.size >= 256) periods.clear();
    periods.set(key, seconds);
  }
  return seconds;
}

/** The fields a schedule decides: the schedule itself, its Quartz expression and its period. */
const scheduleFields = (schedule: CronSchedule) => ({
  cronSchedule: schedule,
  cronExpression: cronExpressionFor(schedule),
  runIntervalSeconds: periodOf(schedule),
});

/** The fields a state decides: `taskState` and `active` agree. */
const stateFields = (state: TaskState) => ({ active: state === 'active', taskState: state });

/** `{ ...task, ...changes }` in the server's order; fields the order does not know (a recorded document's) follow in theirs. */
const mergeInTaskOrder = orderedMerge(TASK_KEY_ORDER);
const NO_CHANGES: Record<string, unknown> = Object.freeze({});
const inTaskOrder = (fields: Record<string, unknown>): Task => mergeInTaskOrder(fields, NO_CHANGES) as Task;

/**
 * A task document from its parts: `type` from the task type, `active` from the state, the Quartz
 * expression and `runIntervalSeconds` from the schedule, `taskId` equal to `id`, in the server's order.
 * @example taskDocument(parts).cronExpression === cronExpressionFor(parts.schedule) // true
 */
export function taskDocument(parts: TaskParts): Task {
  const { schedule, state, taskType, ...rest } = parts;
  return inTaskOrder({
    ...rest,
    ...stateFields(state),
    type: TYPE_CONSTANT[taskType],
    ...scheduleFields(schedule),
    taskType,
    taskId: parts.id,
  });
}

/** What an edit may change of a task; the fields it leaves undefined keep their value. */
export type TaskChange = Partial<
  Pick<
    TaskParts,
    | 'schedule'
    | 'state'
    | 'taskTitle'
    | 'generation'
    | 'maxOccurrences'
    | 'updated'
    | 'startDate'
    | 'endDate'
    | 'itemId'
    | 'parameters'
  >
>;

/**
 * The next version of `task`: the changed parts and what they decide (a new schedule its expression
 * and period, a new state `active`); every other field as it was, fields unknown to the contract included.
 */
export function reviseTask(task: Task, change: TaskChange): Task {
  return mergeInTaskOrder(task as unknown as Record<string, unknown>, withDerivedFields(change)) as Task;
}

/**
 * The change with what it decides, field by field into a new object: a copy made by object rest and
 * spread, then added to, got a hidden class of its own each time in V8, garbage in the old space
 * (about 1 KB for every update POST, which made the mock's peak RSS).
 */
function withDerivedFields(change: TaskChange): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const key in change) if (key !== 'schedule' && key !== 'state') changed[key] = change[key as keyof TaskChange];
  const { schedule, state } = change;
  if (schedule !== undefined) copyInto(changed, scheduleFields(schedule));
  if (state !== undefined) copyInto(changed, stateFields(state));
  return changed;
}

function copyInto(target: Record<string, unknown>, fields: Record<string, unknown>): void {
  for (const key in fields) target[key] = fields[key];
}
