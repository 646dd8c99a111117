import type { OperationModel } from '../contract/model.js';
import { hasOneDayField } from '../domain/schedule.js';
import type { CronSchedule, RunStatus, Task } from '../shapes/contract-types.js';
import type { ContractValidator } from '../validation/contract-validator.js';
import type { SchemaValidator } from '../validation/schema-validator.js';
import type { Violation } from '../validation/violation.js';
import { failure, isFailure, type MockFailure } from './failure.js';
import type { Params } from './params.js';

// Every form the mock reads is checked against its operation in the contract (`validateRequest`):
// required fields, cron patterns, epoch milliseconds, enums, the parameters' JSON and its schema.
// What stays here are the rules the spec cannot say, each marked where it is applied.

const FORM_TYPE = 'application/x-www-form-urlencoded';
/** Fields whose empty value means something (no title, no item, an empty result); any other empty field is left out, as ArcGIS reads forms. */
const EMPTY_IS_A_VALUE = new Set(['title', 'itemId', 'result', 'results']);
/** ArcGIS lists at most this many problems in one error envelope. */
const MAX_DETAILS = 10;

type CreatableType = 'CreateBackup' | 'CreateHealthCheckReports';

/** The operation a request was routed to, and the parameters of its path. */
export interface RoutedRequest {
  readonly operation: OperationModel;
  readonly pathParams: Readonly<Record<string, string>>;
}

/** The validators the forms need, compiled once when the server starts (never per request). */
export interface FormValidators {
  /** Checks a whole request against its operation (form schemas are compiled on first use). */
  readonly contract: ContractValidator;
  /** The parameters each creatable type takes, checked once merged over what a task had. */
  readonly createBackupParameters: SchemaValidator;
  readonly healthCheckParameters: SchemaValidator;
  /** Whole documents put through `POST /__mock/tasks`. */
  readonly task: SchemaValidator;
  readonly run: SchemaValidator;
}

export function compileFormValidators(validator: ContractValidator): FormValidators {
  return {
    contract: validator,
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

/** `Invalid value for parameter 'startDate': must be >= 100000000000; got 1700000000.` */
export const invalidParameter = (operation: string, name: string, why: string): MockFailure =>
  failure(400, `Unable to ${operation}.`, [`Invalid value for parameter '${name}': ${why}.`]);

/** A violation of the form as ArcGIS words it: a missing field "must be specified", anything else is an invalid value. */
function detailOf(violation: Violation): string {
  const [, , field = '', ...inner] = violation.pointer.split('/');
  const name = field.replace(/~1/g, '/').replace(/~0/g, '~');
  if (violation.keyword === 'required' && inner.length === 0 && name) return `'${name}' must be specified.`;
  if (!name) return `${violation.message}.`;
  const where = `/body/${field}`;
  const why = violation.message.startsWith(where) ? violation.message.slice(where.length).trim() : violation.message;
  return `Invalid value for parameter '${name}': ${why}.`;
}

/**
 * The fields of a form (query and body parameters together), checked against `operation` in the
 * contract. Empty values count as left out (see EMPTY_IS_A_VALUE). A form the contract rejects is a
 * 400 failure with one detail per violation.
 *
 * @example
 * const fields = checkedForm({ operation: createTask, pathParams: {} }, params, validators, 'create task'); // { type: 'CreateBackup', ... } or a MockFailure
 */
export function checkedForm(
  route: RoutedRequest,
  params: Params,
  validators: FormValidators,
  action: string,
): Record<string, string> | MockFailure {
  const fields: Record<string, string> = {};
  for (const [name, value] of params) if (value !== '' || EMPTY_IS_A_VALUE.has(name)) fields[name] = value;
  const result = validators.contract.validateRequest(route.operation, {
    pathParams: route.pathParams,
    contentType: FORM_TYPE,
    body: fields,
  });
  if (result.valid) return fields;
  return failure(400, `Unable to ${action}.`, result.violations.slice(0, MAX_DETAILS).map(detailOf));
}

const numberOf = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));

/** When a task runs, as a form sets it. */
type Timing = Pick<CreateTaskInput, 'schedule' | 'startDate' | 'endDate' | 'maxOccurrences'>;

/**
 * The schedule (the form's cron fields over `base`), dates and occurrences of a checked form, and
 * the two rules of them the spec cannot say, because each compares two fields: Quartz wants exactly
 * one day field to be `?`, and endDate may not come before startDate.
 */
function timingOf(fields: Record<string, string>, base: Partial<CronSchedule>, action: string): Timing | MockFailure {
  const schedule = {
    minute: fields['minute'] ?? base.minute,
    hour: fields['hour'] ?? base.hour,
    dayOfMonth: fields['dayOfMonth'] ?? base.dayOfMonth,
    month: fields['month'] ?? base.month,
    dayOfWeek: fields['dayOfWeek'] ?? base.dayOfWeek,
  } as CronSchedule;
  if (!hasOneDayField(schedule))
    return invalidParameter(action, 'dayOfWeek', "exactly one of dayOfMonth and dayOfWeek must be '?'");
  const startDate = numberOf(fields['startDate']);
  const endDate = numberOf(fields['endDate']);
  if (startDate !== undefined && endDate !== undefined && endDate < startDate)
    return invalidParameter(action, 'endDate', 'it is before startDate');
  return { schedule, startDate, endDate, maxOccurrences: numberOf(fields['maxOccurrences']) };
}

/** Reads the createTask form; the parameters are checked against their type's schema when the task is built. */
export function parseCreateTaskForm(
  route: RoutedRequest,
  params: Params,
  validators: FormValidators,
): CreateTaskInput | MockFailure {
  const action = 'create task';
  const fields = checkedForm(route, params, validators, action);
  if (isFailure(fields)) return fields;
  const timing = timingOf(fields, {}, action);
  if (isFailure(timing)) return timing;
  return {
    taskType: fields['type'] as CreatableType,
    title: fields['title'],
    parameters: JSON.parse(fields['parameters']!) as Record<string, unknown>,
    schedule: timing.schedule,
    startDate: timing.startDate,
    endDate: timing.endDate,
    maxOccurrences: timing.maxOccurrences,
  };
}

/** Reads an Edit Task form against the task it edits; fields left out keep their value. */
export function parseUpdateTaskForm(
  route: RoutedRequest,
  params: Params,
  task: Task,
  validators: FormValidators,
): UpdateTaskInput | MockFailure {
  const action = 'update task';
  const fields = checkedForm(route, params, validators, action);
  if (isFailure(fields)) return fields;
  // hand-written: whether a type may change depends on the stored task, which the form's schema cannot see
  const type = fields['type'];
  if (type !== undefined && type !== task.taskType)
    return invalidParameter(action, 'type', `a ${task.taskType} task cannot become ${type}`);
  const timing = timingOf(fields, task.cronSchedule, action);
  if (isFailure(timing)) return timing;
  const parameters = fields['parameters'];
  // field by field: V8 copies an object spread into a literal by a slow path
  return {
    title: fields['title'],
    parameters: parameters === undefined ? undefined : (JSON.parse(parameters) as Record<string, unknown>),
    itemId: fields['itemId'],
    schedule: timing.schedule,
    startDate: timing.startDate,
    endDate: timing.endDate,
    maxOccurrences: timing.maxOccurrences,
  };
}

/** Reads an Edit Run form: `status` and `result` (or `results`, as the ArcGIS API for Python sends it). */
export function parseUpdateRunForm(
  route: RoutedRequest,
  params: Params,
  validators: FormValidators,
): UpdateRunInput | MockFailure {
  const fields = checkedForm(route, params, validators, 'update run');
  if (isFailure(fields)) return fields;
  return { status: fields['status'] as RunStatus | undefined, result: fields['result'] ?? fields['results'] };
}
