import { PathTemplate } from '../domain/path-template.js';
import type { OperationModel, OperationRoles } from './model.js';
import {
  OPERATION_ROLES,
  type OperationRole,
  type ResourceKind,
  type RunWriteKind,
  roleName,
  type WriteKind,
} from './roles.js';

const TASK_WRITES: readonly WriteKind[] = ['create', 'update', 'delete', 'enable', 'disable'];

/** The operations of a contract indexed by role name (`read:task:get`, `write:update`, `token`). */
export function operationRoles(operations: readonly OperationModel[]): OperationRoles {
  const byRole = new Map<string, OperationModel>();
  for (const operation of operations) if (operation.role) byRole.set(roleName(operation.role), operation);
  const idOf = (name: string) =>
    Object.entries(OPERATION_ROLES).find(([, role]) => roleName(role) === name)?.[0] ?? name;
  return {
    read: (resource: ResourceKind, via: 'get' | 'post') => byRole.get(`read:${resource}:${via}`),
    write: (kind: WriteKind | RunWriteKind) => byRole.get(`write:${kind}`),
    token: () => byRole.get('token'),
    path: (role: OperationRole, params: Readonly<Record<string, string>> = {}) => {
      const operation = byRole.get(roleName(role));
      if (!operation) throw new Error(`the contract has no operation for ${roleName(role)}`);
      return fillPath(operation, params);
    },
    missing: (withWrites: boolean) => {
      const reads = (['list', 'task', 'runs', 'run'] as const).flatMap((r) => [`read:${r}:get`, `read:${r}:post`]);
      const writes = withWrites ? TASK_WRITES.map((w) => `write:${w}`) : [];
      return [...reads, ...writes].filter((name) => !byRole.has(name)).map(idOf);
    },
  };
}

/** An operation's path with its parameters filled in (and encoded); throws on a missing one. */
export function fillPath(operation: OperationModel, params: Readonly<Record<string, string>>): string {
  const template = templateOf(operation);
  const missing = template.names.find((name) => params[name] === undefined);
  if (missing !== undefined) throw new Error(`no value for path parameter ${missing} of ${operation.operationId}`);
  return template.fill((name) => encodeURIComponent(params[name]!));
}

// verify fills a path per request: parse each operation's template once
const templates = new WeakMap<OperationModel, PathTemplate>();
function templateOf(operation: OperationModel): PathTemplate {
  let template = templates.get(operation);
  if (!template) {
    template = new PathTemplate(operation.pathTemplate);
    templates.set(operation, template);
  }
  return template;
}
