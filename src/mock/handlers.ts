import type { OperationModel, OperationRoles } from '../contract/model.js';
import type { OperationRole, RunWriteKind, WriteKind } from '../contract/roles.js';
import type { ReleaseProfile } from '../domain/releases.js';
import type { Run, Task, TaskType } from '../shapes/contract-types.js';
import type { Account, Accounts } from './accounts.js';
import { failure, isFailure, type MockFailure } from './failure.js';
import {
  checkedForm,
  type FormValidators,
  parseCreateTaskForm,
  parseUpdateRunForm,
  parseUpdateTaskForm,
} from './form-input.js';
import { JsonText } from './json-text.js';
import type { Params } from './params.js';
import { refusedCreate, refusedUpdate } from './release-gate.js';
import type { Document, Outcome } from './respond.js';
import type { Steering } from './steering.js';
import type { MockStore } from './store.js';
import { createTask, setTaskState, updateRun, updateTask } from './task-edits.js';

/** What handlers work with; built once when the server starts. */
export interface MockServices {
  readonly store: MockStore;
  readonly accounts: Accounts;
  readonly validators: FormValidators;
  readonly now: () => number;
  readonly ownerId: string;
  readonly orgId: string;
  /** The contract's operations by role: the pages' links and breadcrumbs are their paths. */
  readonly roles: OperationRoles;
  /** The release the mock plays. */
  readonly release: ReleaseProfile;
}

interface HandlerRequest {
  /** The operation of the contract the request was routed to. */
  readonly operation: OperationModel;
  readonly pathParams: Readonly<Record<string, string>>;
  /** Query and form parameters together; the form wins. */
  readonly params: Params;
  /** The form body alone (credentials are read only from there). */
  readonly form: Params;
  readonly steering: Steering;
}

type Handler = (services: MockServices, request: HandlerRequest) => Outcome;

const SUCCESS = Object.freeze({ status: 'success' as const });
const SUCCESS_JSON = new JsonText(JSON.stringify(SUCCESS));

const taskMissing = (id: string) => failure(404, `Task '${id}' does not exist.`);
const runMissing = (id: string) => failure(404, `Run '${id}' does not exist.`);
const noTaskOfType = (type: TaskType) => failure(404, `No task of type '${type}' exists.`);

const read = (resource: 'list' | 'task' | 'runs' | 'run'): OperationRole => ({ kind: 'read', resource, via: 'get' });
const write = (kind: WriteKind | RunWriteKind): OperationRole => ({ kind: 'write', write: kind });

/** A page link: the operation's path relative to the admin root (`system/tasks/<id>/runs`); '' when the spec lacks it. */
const href = (roles: OperationRoles, role: OperationRole, params: Record<string, string> = {}): string => {
  const known =
    role.kind === 'read'
      ? roles.read(role.resource, role.via)
      : role.kind === 'write'
        ? roles.write(role.write)
        : roles.token();
  return known ? roles.path(role, params).replace(/^\/+/, '') : '';
};
/** A page's breadcrumbs: the segments of its operation's path. */
const crumbs = (roles: OperationRoles, role: OperationRole, params: Record<string, string> = {}) =>
  href(roles, role, params).split('/').filter(Boolean);
/** Links to operations the spec has. */
const links = <T extends { href: string }>(list: T[]): T[] => list.filter((link) => link.href !== '');

/** `breadcrumbs` is called only for a page (`f=html`): filling a path cost 4% of an update POST. */
function success(breadcrumbs: () => string[], title: string): Document {
  return { kind: 'document', value: SUCCESS, json: SUCCESS_JSON, page: () => ({ title, breadcrumbs: breadcrumbs() }) };
}

const taskPage = (roles: OperationRoles, task: Task) => ({
  title: `Task: ${task.taskTitle} (${task.taskType})`,
  breadcrumbs: crumbs(roles, read('task'), { taskId: task.taskId }),
  childResources: [{ label: 'runs', href: href(roles, read('runs'), { taskId: task.taskId }) }],
  operations: links(
    (['update', 'delete', 'enable', 'disable'] as const).map((op) => ({
      label: op,
      href: href(roles, write(op), { taskId: task.taskId }),
    })),
  ),
});

const runPage = (roles: OperationRoles, taskId: string, run: Run) => ({
  title: `Run: ${run.runId} (${run.status})`,
  breadcrumbs: crumbs(roles, read('run'), { taskId, runId: run.runId }),
  operations: links(
    (['update', 'delete'] as const).map((op) => ({
      label: op,
      href: href(roles, write(`${op}-run`), { taskId, runId: run.runId }),
    })),
  ),
});

/** The task a read is about: the one in the path, or with `Prefer: example=<TaskType>` the first of that type. */
function targetTask({ store }: MockServices, request: HandlerRequest): Task | MockFailure {
  const { example } = request.steering;
  if (example) return store.firstTaskOfType(example) ?? noTaskOfType(example);
  const id = request.pathParams['taskId']!;
  return store.task(id) ?? taskMissing(id);
}

const listTasks: Handler = ({ store, roles }, { steering }) => {
  const tasks = steering.example ? store.tasks().filter((t) => t.taskType === steering.example) : store.tasks();
  return {
    kind: 'document',
    value: { result: tasks },
    json: store.listJson(steering.example),
    page: () => ({
      title: 'Tasks',
      breadcrumbs: crumbs(roles, read('list')),
      childResources: tasks.map((t) => ({
        label: `${t.taskTitle} (${t.taskType})`,
        href: href(roles, read('task'), { taskId: t.taskId }),
      })),
      operations: links([{ label: 'createTask', href: href(roles, write('create')) }]),
    }),
  };
};

const getTask: Handler = (services, request) => {
  const task = targetTask(services, request);
  if (isFailure(task)) return task;
  return {
    kind: 'document',
    value: task,
    json: services.store.taskJson(task.taskId)!,
    page: () => taskPage(services.roles, task),
  };
};

const listRuns: Handler = (services, request) => {
  const task = targetTask(services, request);
  if (isFailure(task)) return task;
  const runs = services.store.runs(task.taskId)!;
  return {
    kind: 'document',
    value: { result: runs },
    page: () => ({
      title: `Runs of ${task.taskTitle}`,
      breadcrumbs: crumbs(services.roles, read('runs'), { taskId: task.taskId }),
      childResources: runs.map((r) => ({
        label: `${r.runId} (${r.status})`,
        href: href(services.roles, read('run'), { taskId: task.taskId, runId: r.runId }),
      })),
    }),
  };
};

const getRun: Handler = (services, request) => {
  const task = targetTask(services, request);
  if (isFailure(task)) return task;
  const { store } = services;
  const runId = request.steering.example ? store.runs(task.taskId)![0]?.runId : request.pathParams['runId']!;
  const run = runId === undefined ? undefined : store.run(task.taskId, runId);
  if (!run) return runMissing(runId ?? '');
  return {
    kind: 'document',
    value: run,
    json: store.runJson(task.taskId, run.runId)!,
    page: () => runPage(services.roles, task.taskId, run),
  };
};

const createTaskHandler: Handler = (services, request) => {
  const refused = refusedCreate(services.release, request.params);
  if (refused) return refused;
  const input = parseCreateTaskForm(request, request.params, services.validators);
  if (isFailure(input)) return input;
  const { store } = services;
  const task = createTask(
    input,
    { id: store.newId(), now: services.now(), ownerId: services.ownerId, orgId: services.orgId },
    services.validators,
  );
  if (isFailure(task)) return task;
  store.putTask(task);
  const value = { status: 'success' as const, taskId: task.taskId };
  return {
    kind: 'document',
    value,
    page: () => ({
      title: 'Task created',
      breadcrumbs: crumbs(services.roles, write('create')),
      childResources: [{ label: task.taskId, href: href(services.roles, read('task'), { taskId: task.taskId }) }],
    }),
  };
};

/** A write on one task: look it up, compute its next version, swap it in whole. */
function taskWrite(
  operation: 'update' | 'enable' | 'disable',
  next: (task: Task, services: MockServices, request: HandlerRequest) => Task | MockFailure,
): Handler {
  return (services, request) => {
    const id = request.pathParams['taskId']!;
    const task = services.store.task(id);
    if (!task) return taskMissing(id);
    const updated = next(task, services, request);
    if (isFailure(updated)) return updated;
    services.store.putTask(updated);
    return success(() => crumbs(services.roles, write(operation), { taskId: id }), `${operation}: success`);
  };
}

const updateTaskHandler = taskWrite('update', (task, services, request) => {
  const refused = refusedUpdate(services.release, task);
  if (refused) return refused;
  const input = parseUpdateTaskForm(request, request.params, task, services.validators);
  return isFailure(input) ? input : updateTask(task, input, services.now(), services.validators);
});
const enableTask = taskWrite('enable', (task, services) => setTaskState(task, 'active', services.now()));
const disableTask = taskWrite('disable', (task, services) => setTaskState(task, 'paused', services.now()));

const deleteTask: Handler = ({ store, roles }, { pathParams }) => {
  const id = pathParams['taskId']!;
  return store.deleteTask(id)
    ? success(() => crumbs(roles, write('delete'), { taskId: id }), 'delete: success')
    : taskMissing(id);
};

const updateRunHandler: Handler = (services, request) => {
  const { pathParams, params } = request;
  const { store } = services;
  const taskId = pathParams['taskId']!;
  const runId = pathParams['runId']!;
  if (!store.task(taskId)) return taskMissing(taskId);
  const run = store.run(taskId, runId);
  if (!run) return runMissing(runId);
  const input = parseUpdateRunForm(request, params, services.validators);
  if (isFailure(input)) return input;
  store.putRun(taskId, updateRun(run, input, services.now()));
  return success(() => crumbs(services.roles, write('update-run'), { taskId, runId }), 'update: success');
};

const deleteRun: Handler = ({ store, roles }, { pathParams }) => {
  const taskId = pathParams['taskId']!;
  const runId = pathParams['runId']!;
  if (!store.task(taskId)) return taskMissing(taskId);
  return store.deleteRun(taskId, runId)
    ? success(() => crumbs(roles, write('delete-run'), { taskId, runId }), 'delete: success')
    : runMissing(runId);
};

const generateToken: Handler = ({ accounts, validators }, request) => {
  // credentials are read from the form body alone: a password in a URL ends up in logs
  const fields = checkedForm(request, request.form, validators, 'generate token');
  if (isFailure(fields)) return fields;
  const account: Account | undefined = accounts.authenticate(fields['username']!, fields['password']!);
  if (!account) return failure(400, 'Unable to generate token.', ['Invalid username or password.']);
  const expiration = fields['expiration'];
  const issued = accounts.issue(account, expiration === undefined ? undefined : Number(expiration));
  return {
    kind: 'document',
    value: { token: issued.token, expires: issued.expires, ssl: false },
    page: () => ({ title: 'Token', breadcrumbs: [] }),
  };
};

/** Every operation of the spec, by operationId; the POST reads share the GET handlers. */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  listTasks,
  listTasksPost: listTasks,
  createTask: createTaskHandler,
  getTask,
  getTaskPost: getTask,
  updateTask: updateTaskHandler,
  deleteTask,
  enableTask,
  disableTask,
  listRuns,
  listRunsPost: listRuns,
  getRun,
  getRunPost: getRun,
  updateRun: updateRunHandler,
  deleteRun,
  generateToken,
};
