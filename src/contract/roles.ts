/**
 * Which operation of the contract plays which role, named once. Verify, record, the mock and the
 * pact tooling know operations by role only; paths, methods and servers come from the operation model.
 *
 * - `read`: one of the four resources (`list`, `task`, `runs`, `run`), on GET or on POST (`f` and the
 *   token in a form body);
 * - `write`: a task write `--allow-writes` exercises, or a run write;
 * - `token`: the portal operation that issues tokens.
 */
export type ResourceKind = 'list' | 'task' | 'runs' | 'run';

/** The task writes (verify's `--allow-writes` exercises them). */
export type WriteKind = 'create' | 'update' | 'delete' | 'enable' | 'disable';

/** The run writes. */
export type RunWriteKind = 'update-run' | 'delete-run';

export type OperationRole =
  | { readonly kind: 'read'; readonly resource: ResourceKind; readonly via: 'get' | 'post' }
  | { readonly kind: 'write'; readonly write: WriteKind | RunWriteKind }
  | { readonly kind: 'token' };

const read = (resource: ResourceKind, via: 'get' | 'post'): OperationRole => ({ kind: 'read', resource, via });
const write = (kind: WriteKind | RunWriteKind): OperationRole => ({ kind: 'write', write: kind });

/** The spec's operationId of each role: the one table that names them. */
export const OPERATION_ROLES: Readonly<Record<string, OperationRole>> = {
  listTasks: read('list', 'get'),
  listTasksPost: read('list', 'post'),
  getTask: read('task', 'get'),
  getTaskPost: read('task', 'post'),
  listRuns: read('runs', 'get'),
  listRunsPost: read('runs', 'post'),
  getRun: read('run', 'get'),
  getRunPost: read('run', 'post'),
  createTask: write('create'),
  updateTask: write('update'),
  deleteTask: write('delete'),
  enableTask: write('enable'),
  disableTask: write('disable'),
  updateRun: write('update-run'),
  deleteRun: write('delete-run'),
  generateToken: { kind: 'token' },
};

/** The role an operationId plays; undefined for an operation the toolkit does not know. */
export function roleOf(operationId: string): OperationRole | undefined {
  return Object.hasOwn(OPERATION_ROLES, operationId) ? OPERATION_ROLES[operationId] : undefined;
}

/** A role's stable name, e.g. `read:task:get`, `write:update`, `token`. */
export function roleName(role: OperationRole): string {
  if (role.kind === 'read') return `read:${role.resource}:${role.via}`;
  return role.kind === 'write' ? `write:${role.write}` : 'token';
}
