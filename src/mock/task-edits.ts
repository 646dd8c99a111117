// The fixtures' helpers, from their own modules: the fixtures index would load the generators (faker) too.

import { cronExpressionFor, runIntervalSecondsFor } from '../domain/cron.js';
import { dateStyleOf, dateValue, toEpochMillis } from '../domain/dates.js';
import { encryptPasscode, isStoredPasscode } from '../domain/passcode.js';
import { retentionOffsetMs } from '../domain/retention.js';
import {
  type CronSchedule,
  type DateValue,
  type Run,
  type Task,
  type TaskType,
  TYPE_CONSTANT,
} from '../shapes/contract-types.js';
import { failure, isFailure, type MockFailure } from './failure.js';
import {
  type CreateTaskInput,
  type FormValidators,
  invalidParameter,
  type UpdateRunInput,
  type UpdateTaskInput,
} from './form-input.js';

// Pure functions from (document, checked input, clock) to the next document: the store swaps the
// result in whole, so a request never leaves a half-edited task behind.

const NO_PARAMETER_TYPES = new Set(['CleanGPJobs', 'BackupRetentionCleaner']);

/** The next value of a date that must move on: `now`, or just past the previous value, in the same style. */
function nextStamp(previous: DateValue, now: number): DateValue {
  const style = dateStyleOf(previous) ?? 'epoch';
  const before = toEpochMillis(previous);
  // formatted dates have whole seconds, so moving on means the next second at least
  const floor = Number.isNaN(before) ? 0 : style === 'epoch' ? before + 1 : Math.floor(before / 1000) * 1000 + 1000;
  return dateValue(Math.max(now, floor), style);
}

function styleOfTask(task: Task): 'epoch' | 'formatted' {
  return dateStyleOf(task.created) ?? 'epoch';
}

function scheduleFields(schedule: CronSchedule): Pick<Task, 'cronSchedule' | 'cronExpression' | 'runIntervalSeconds'> {
  return {
    cronSchedule: schedule,
    cronExpression: cronExpressionFor(schedule),
    runIntervalSeconds: runIntervalSecondsFor(schedule),
  };
}

/**
 * CreateBackup parameters as the server stores them, from what a client sent merged over what was
 * stored: a plaintext passcode is encrypted, `retentionOffset` always equals the retention.
 */
function backupParameters(
  merged: Record<string, unknown>,
  sent: Record<string, unknown>,
  action: string,
): Record<string, unknown> | MockFailure {
  const metaData = merged['metaData'] as { retention: { type: 'day' | 'week' | 'month'; value: number } };
  const offset = retentionOffsetMs(metaData.retention);
  if (sent['retentionOffset'] !== undefined && sent['retentionOffset'] !== offset)
    return invalidParameter(action, 'parameters', `retentionOffset must equal the retention (${offset} ms)`);
  const passcode = merged['passcode'] as string;
  return {
    itemId: '',
    ...merged,
    retentionOffset: offset,
    // a stored `{crypt}` value sent back unchanged (a client echoing a GET) is kept as it is
    passcode: isStoredPasscode(passcode) ? passcode : encryptPasscode(passcode),
  };
}

/**
 * The parameters a task of `taskType` stores after a create (nothing stored) or an edit (sent over
 * stored). Hand-written: which schema applies depends on the task's type, and an edit is checked
 * once merged with what the task had; the form's schema sees neither.
 */
function typedParameters(
  taskType: TaskType,
  sent: Record<string, unknown>,
  stored: Record<string, unknown> | undefined,
  validators: FormValidators,
  action: string,
): Record<string, unknown> | undefined | MockFailure {
  if (NO_PARAMETER_TYPES.has(taskType)) {
    return Object.keys(sent).length === 0
      ? stored
      : failure(400, `Unable to ${action}.`, [`A ${taskType} task takes no parameters.`]);
  }
  const merged = { ...stored, ...sent };
  const schema = taskType === 'CreateBackup' ? validators.createBackupParameters : validators.healthCheckParameters;
  const check = schema.validate(merged);
  if (!check.valid) return invalidParameter(action, 'parameters', check.violations[0]!.message);
  return taskType === 'CreateBackup' ? backupParameters(merged, sent, action) : merged;
}

export interface NewTaskContext {
  readonly id: string;
  readonly now: number;
  readonly ownerId: string;
  readonly orgId: string;
}

/** The task a createTask form describes: generation 1, active, dates in epoch milliseconds. */
export function createTask(
  input: CreateTaskInput,
  context: NewTaskContext,
  validators: FormValidators,
): Task | MockFailure {
  const parameters = typedParameters(input.taskType, input.parameters, undefined, validators, 'create task');
  if (isFailure(parameters)) return parameters;
  const title =
    input.title ||
    (typeof input.parameters['name'] === 'string' && input.parameters['name']) ||
    (typeof input.parameters['runName'] === 'string' && input.parameters['runName']) ||
    input.taskType;
  const task = {
    generation: 1,
    created: context.now,
    active: true,
    ownerId: context.ownerId,
    type: TYPE_CONSTANT[input.taskType],
    orgId: context.orgId,
    ...scheduleFields(input.schedule),
    taskType: input.taskType,
    taskState: 'active',
    taskTitle: title,
    maxOccurrences: input.maxOccurrences ?? -1,
    id: context.id,
    parameters,
    updated: context.now,
    taskId: context.id,
    ...(input.startDate === undefined ? {} : { startDate: input.startDate }),
    ...(input.endDate === undefined ? {} : { endDate: input.endDate }),
  };
  return task as Task;
}

/** The task after an Edit Task form: schedule fields recomputed, passcode encrypted, generation + 1. */
export function updateTask(
  task: Task,
  input: UpdateTaskInput,
  now: number,
  validators: FormValidators,
): Task | MockFailure {
  const stored = task.parameters as Record<string, unknown> | undefined;
  const parameters =
    input.parameters === undefined
      ? stored
      : typedParameters(task.taskType, input.parameters, stored, validators, 'update task');
  if (isFailure(parameters)) return parameters;
  const style = styleOfTask(task);
  const next: Record<string, unknown> = {
    ...task,
    ...scheduleFields(input.schedule),
    generation: task.generation + 1,
    updated: nextStamp(task.updated, now),
  };
  if (input.title !== undefined) next['taskTitle'] = input.title;
  if (parameters !== undefined) next['parameters'] = parameters;
  if (input.itemId !== undefined) next['itemId'] = input.itemId;
  if (input.startDate !== undefined) next['startDate'] = dateValue(input.startDate, style);
  if (input.endDate !== undefined) next['endDate'] = dateValue(input.endDate, style);
  if (input.maxOccurrences !== undefined) next['maxOccurrences'] = input.maxOccurrences;
  return next as Task;
}

/** enable / disable: `taskState` and `active` agree; generation + 1 and `updated` moves on. */
export function setTaskState(task: Task, state: 'active' | 'paused', now: number): Task {
  return {
    ...task,
    active: state === 'active',
    taskState: state,
    generation: task.generation + 1,
    updated: nextStamp(task.updated, now),
  } as Task;
}

/** The run after an Edit Run form; `modified` moves on. */
export function updateRun(run: Run, input: UpdateRunInput, now: number): Run {
  return {
    ...run,
    ...(input.status === undefined ? {} : { status: input.status }),
    ...(input.result === undefined ? {} : { result: input.result }),
    modified: nextStamp(run.modified, now),
  };
}
