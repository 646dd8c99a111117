import { type CronSchedule, RUN_STATUSES, type RunStatus, type Task } from '../spec/contract-types.js';
import type { ContractValidator } from '../validation/contract-validator.js';
import type { SchemaValidator } from '../validation/schema-validator.js';
import { failure, isFailure, type MockFailure } from './failure.js';
import type { Params } from './params.js';

const CRON_FIELDS = ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'] as const;
const CREATABLE_TYPES = ['CreateBackup', 'CreateHealthCheckReports'] as const;
type CreatableType = (typeof CREATABLE_TYPES)[number];
const ITEM_ID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$/;

/** The validators the forms need, compiled once when the server starts (never per request). */
export interface FormValidators {
  readonly cronSchedule: SchemaValidator;
  readonly createBackupParameters: SchemaValidator;
  readonly healthCheckParameters: SchemaValidator;
  /** Whole documents put through `POST /__mock/tasks`. */
  readonly task: SchemaValidator;
  readonly run: SchemaValidator;
}

export function compileFormValidators(validator: ContractValidator): FormValidators {
  return {
    cronSchedule: validator.forComponent('CronSchedule'),
    createBackupParameters: validator.forComponent('CreateBackupParametersInput'),
    healthCheckParameters: validator.forComponent('HealthCheckParameters'),
    // compiled on first use: only `POST /__mock/tasks` needs them, and they are the largest
    get task() {
      return validator.forComponent('Task');
    },
    get run() {
      return validator.forComponent('Run');
    },
  };
}

export interface CreateTaskInput {
  readonly taskType: CreatableType;
  readonly title: string | undefined;
  readonly parameters: Record<string, unknown>;
  readonly schedule: CronSchedule;
  readonly startDate: number | undefined;
  readonly endDate: number | undefined;
  readonly maxOccurrences: number | undefined;
}

export interface UpdateTaskInput {
  readonly title: string | undefined;
  /** Parameters sent by the client, merged over the stored ones (validated later, per task type). */
  readonly parameters: Record<string, unknown> | undefined;
  readonly itemId: string | undefined;
  readonly schedule: CronSchedule;
  readonly startDate: number | undefined;
  readonly endDate: number | undefined;
  readonly maxOccurrences: number | undefined;
}

export interface UpdateRunInput {
  readonly status: RunStatus | undefined;
  readonly result: string | undefined;
}

const invalid = (operation: string, name: string, why: string): MockFailure =>
  failure(400, `Unable to ${operation}.`, [`Invalid value for parameter '${name}': ${why}.`]);

function epochMillis(params: Params, name: string, operation: string): number | undefined | MockFailure {
  const raw = params.get(name);
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!/^\d{1,16}$/.test(raw) || value < 1e11 || value > 8.64e15)
    return invalid(operation, name, 'it must be epoch milliseconds');
  return value;
}

function maxOccurrences(params: Params, operation: string): number | undefined | MockFailure {
  const raw = params.get('maxOccurrences');
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!/^-?\d{1,9}$/.test(raw) || (value !== -1 && value < 1))
    return invalid(operation, 'maxOccurrences', 'it must be -1 (unlimited) or a positive whole number');
  return value;
}

function jsonObject(params: Params, operation: string): Record<string, unknown> | undefined | MockFailure {
  const raw = params.get('parameters');
  if (raw === undefined || raw === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return invalid(operation, 'parameters', 'it is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return invalid(operation, 'parameters', 'it must be a JSON object');
  return value as Record<string, unknown>;
}

/** Checks a whole schedule: the field patterns, and Quartz's rule that exactly one day field is `?`. */
export function checkSchedule(
  schedule: CronSchedule,
  validators: FormValidators,
  operation: string,
): MockFailure | undefined {
  const result = validators.cronSchedule.validate(schedule);
  if (!result.valid) {
    const v = result.violations[0]!;
    const field = v.pointer.split('/')[1] ?? 'schedule';
    return invalid(operation, field, `${JSON.stringify(v.actual)} is not a Quartz ${field} field`);
  }
  if ((schedule.dayOfMonth === '?') === (schedule.dayOfWeek === '?')) {
    return invalid(operation, 'dayOfWeek', "exactly one of dayOfMonth and dayOfWeek must be '?'");
  }
  return undefined;
}

function dates(
  params: Params,
  operation: string,
): { startDate: number | undefined; endDate: number | undefined } | MockFailure {
  const startDate = epochMillis(params, 'startDate', operation);
  if (isFailure(startDate)) return startDate;
  const endDate = epochMillis(params, 'endDate', operation);
  if (isFailure(endDate)) return endDate;
  if (startDate !== undefined && endDate !== undefined && endDate < startDate)
    return invalid(operation, 'endDate', 'it is before startDate');
  return { startDate, endDate };
}

/** Reads and checks the createTask form; the parameters are checked against their type's input schema. */
export function parseCreateTaskForm(params: Params, validators: FormValidators): CreateTaskInput | MockFailure {
  const operation = 'create task';
  const type = params.get('type');
  if (!type) return failure(400, 'Unable to create task.', ["'type' must be specified."]);
  if (!(CREATABLE_TYPES as readonly string[]).includes(type))
    return invalid(operation, 'type', `it must be one of ${CREATABLE_TYPES.join(', ')}`);
  const missing = CRON_FIELDS.filter((name) => !params.get(name));
  if (!params.get('parameters')) missing.unshift('parameters' as never);
  if (missing.length > 0)
    return failure(
      400,
      'Unable to create task.',
      missing.map((name) => `'${name}' must be specified.`),
    );
  const parameters = jsonObject(params, operation);
  if (isFailure(parameters)) return parameters;
  if (parameters === undefined) return failure(400, 'Unable to create task.', ["'parameters' must be specified."]);
  const schedule = Object.fromEntries(CRON_FIELDS.map((name) => [name, params.get(name)!])) as CronSchedule;
  const badSchedule = checkSchedule(schedule, validators, operation);
  if (badSchedule) return badSchedule;
  const parameterCheck = (
    type === 'CreateBackup' ? validators.createBackupParameters : validators.healthCheckParameters
  ).validate(parameters);
  if (!parameterCheck.valid) return invalid(operation, 'parameters', parameterCheck.violations[0]!.message);
  const when = dates(params, operation);
  if (isFailure(when)) return when;
  const occurrences = maxOccurrences(params, operation);
  if (isFailure(occurrences)) return occurrences;
  return {
    taskType: type as CreatableType,
    title: params.get('title'),
    parameters,
    schedule,
    ...when,
    maxOccurrences: occurrences,
  };
}

/** Reads and checks an Edit Task form against the task it edits; fields left out keep their value. */
export function parseUpdateTaskForm(
  params: Params,
  task: Task,
  validators: FormValidators,
): UpdateTaskInput | MockFailure {
  const operation = 'update task';
  const type = params.get('type');
  if (type && type !== task.taskType)
    return invalid(operation, 'type', `a ${task.taskType} task cannot become ${type}`);
  const parameters = jsonObject(params, operation);
  if (isFailure(parameters)) return parameters;
  const schedule = { ...task.cronSchedule };
  for (const name of CRON_FIELDS) {
    const value = params.get(name);
    if (value) schedule[name] = value;
  }
  const badSchedule = checkSchedule(schedule, validators, operation);
  if (badSchedule) return badSchedule;
  const itemId = params.get('itemId');
  if (itemId !== undefined && !ITEM_ID.test(itemId)) return invalid(operation, 'itemId', 'it must be a UUID or empty');
  const when = dates(params, operation);
  if (isFailure(when)) return when;
  const occurrences = maxOccurrences(params, operation);
  if (isFailure(occurrences)) return occurrences;
  return { title: params.get('title'), parameters, itemId, schedule, ...when, maxOccurrences: occurrences };
}

/** Reads an Edit Run form: `status` and `result` (or `results`, as the ArcGIS API for Python sends it). */
export function parseUpdateRunForm(params: Params): UpdateRunInput | MockFailure {
  const status = params.get('status');
  if (status !== undefined && !(RUN_STATUSES as readonly string[]).includes(status)) {
    return invalid('update run', 'status', `it must be one of ${RUN_STATUSES.join(', ')}`);
  }
  return { status: status as RunStatus | undefined, result: params.get('result') ?? params.get('results') };
}

export type { CreatableType };
