// The fixtures' helpers, from their own modules: the fixtures index would load the generators (faker) too.

import { type BackupParts, backupParameters } from '../domain/backup-parameters.js';
import { dateStyleOf, dateValue, toEpochMillis } from '../domain/dates.js';
import { retentionOffsetMs } from '../domain/retention.js';
import { reviseTask, taskDocument } from '../domain/task-document.js';
import type { DateValue, Run, Task, TaskType } from '../shapes/contract-types.js';
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

/**
 * CreateBackup parameters as the server stores them (`backupParameters`), from what a client sent
 * merged over what was stored; a `retentionOffset` sent must equal the retention.
 */
function checkedBackupParameters(
  merged: Record<string, unknown>,
  sent: Record<string, unknown>,
  action: string,
): Record<string, unknown> | MockFailure {
  const offset = retentionOffsetMs((merged as BackupParts).metaData.retention);
  if (sent['retentionOffset'] !== undefined && sent['retentionOffset'] !== offset)
    return invalidParameter(action, 'parameters', `retentionOffset must equal the retention (${offset} ms)`);
  return backupParameters(merged as BackupParts);
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
  return taskType === 'CreateBackup' ? checkedBackupParameters(merged, sent, action) : merged;
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
  return taskDocument({
    id: context.id,
    ownerId: context.ownerId,
    orgId: context.orgId,
    taskType: input.taskType,
    taskTitle: title,
    schedule: input.schedule,
    state: 'active',
    generation: 1,
    maxOccurrences: input.maxOccurrences ?? -1,
    created: context.now,
    updated: context.now,
    ...(input.startDate === undefined ? {} : { startDate: input.startDate }),
    ...(input.endDate === undefined ? {} : { endDate: input.endDate }),
    ...(parameters === undefined ? {} : { parameters }),
  });
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
  const style = dateStyleOf(task.created) ?? 'epoch';
  return reviseTask(task, {
    schedule: input.schedule,
    generation: task.generation + 1,
    updated: nextStamp(task.updated, now),
    ...(input.title === undefined ? {} : { taskTitle: input.title }),
    ...(parameters === undefined ? {} : { parameters }),
    ...(input.itemId === undefined ? {} : { itemId: input.itemId }),
    ...(input.startDate === undefined ? {} : { startDate: dateValue(input.startDate, style) }),
    ...(input.endDate === undefined ? {} : { endDate: dateValue(input.endDate, style) }),
    ...(input.maxOccurrences === undefined ? {} : { maxOccurrences: input.maxOccurrences }),
  });
}

/** enable / disable: `taskState` and `active` agree; generation + 1 and `updated` moves on. */
export function setTaskState(task: Task, state: 'active' | 'paused', now: number): Task {
  return reviseTask(task, { state, generation: task.generation + 1, updated: nextStamp(task.updated, now) });
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
