import type { ContractModel, OperationModel } from '../spec/model.js';

/** The resources verify reads, each on GET and on POST. */
export type ResourceKind = 'list' | 'task' | 'runs' | 'run';
export const RESOURCE_KINDS: readonly ResourceKind[] = ['list', 'task', 'runs', 'run'];

/** The writes `--allow-writes` exercises. */
export type WriteKind = 'create' | 'update' | 'delete' | 'enable' | 'disable';

/**
 * Which operation of the contract plays which role. The engine knows operations by these ids
 * only; paths, methods and servers all come from the operation model.
 */
const READ_OPERATIONS: Record<ResourceKind, { get: string; post: string }> = {
  list: { get: 'listTasks', post: 'listTasksPost' },
  task: { get: 'getTask', post: 'getTaskPost' },
  runs: { get: 'listRuns', post: 'listRunsPost' },
  run: { get: 'getRun', post: 'getRunPost' },
};
const WRITE_OPERATIONS: Record<WriteKind, string> = {
  create: 'createTask',
  update: 'updateTask',
  delete: 'deleteTask',
  enable: 'enableTask',
  disable: 'disableTask',
};
const TOKEN_OPERATION = 'generateToken';

/** `GET /system/tasks/{taskId}`: how reports name an operation. */
export function endpointName(operation: OperationModel): string {
  return `${operation.method.toUpperCase()} ${operation.pathTemplate}`;
}

function templateRegExp(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '(.+?)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names };
}

function withoutScheme(url: string): { scheme: string; rest: string } {
  const match = /^([a-z][a-z0-9+.-]*:)\/\/(.*)$/i.exec(url);
  return match ? { scheme: match[1]!, rest: match[2]! } : { scheme: '', rest: url };
}

/**
 * The contract's operations bound to one deployment's admin root.
 *
 * @example
 * const api = new ApiMap(contract, 'https://host/arcgis/admin');
 * api.url(api.read('task', 'get'), { taskId: '5f0c...' }); // https://host/arcgis/admin/system/tasks/5f0c...
 * api.tokenUrl();                                           // https://host/arcgis/sharing/rest/generateToken
 */
export class ApiMap {
  readonly baseUrl: string;

  constructor(
    readonly contract: ContractModel,
    baseUrl: string,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Operation ids the engine needs that the contract lacks (the spec, not the server, is wrong). */
  missingOperations(withWrites: boolean): string[] {
    const needed = [
      ...Object.values(READ_OPERATIONS).flatMap((pair) => [pair.get, pair.post]),
      ...(withWrites ? Object.values(WRITE_OPERATIONS) : []),
    ];
    return needed.filter((id) => !this.contract.operationsById.has(id));
  }

  read(kind: ResourceKind, method: 'get' | 'post'): OperationModel {
    return this.operation(READ_OPERATIONS[kind][method]);
  }

  write(kind: WriteKind): OperationModel {
    return this.operation(WRITE_OPERATIONS[kind]);
  }

  operation(id: string): OperationModel {
    const operation = this.contract.operationsById.get(id);
    if (!operation) throw new Error(`the contract has no operation ${id}`);
    return operation;
  }

  /** The operation's URL at this deployment, path parameters filled in (and encoded). */
  url(operation: OperationModel, params: Readonly<Record<string, string>> = {}): string {
    const path = operation.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`no value for path parameter ${name} of ${operation.operationId}`);
      return encodeURIComponent(value);
    });
    return `${this.baseUrl}${path}`;
  }

  /**
   * The token URL, derived through the spec's servers: the base URL is matched against the admin
   * operations' server template (`https://{host}/{context}/admin`), and its variables fill the
   * token operation's (`https://{host}/{context}/sharing/rest`). Undefined when the base URL does
   * not fit the template.
   */
  tokenUrl(): string | undefined {
    const tokenOperation = this.contract.operationsById.get(TOKEN_OPERATION);
    const adminTemplate = this.read('list', 'get').servers[0];
    const tokenTemplate = tokenOperation?.servers[0];
    if (!tokenOperation || !adminTemplate || !tokenTemplate) return undefined;
    const base = withoutScheme(this.baseUrl);
    const { pattern, names } = templateRegExp(withoutScheme(adminTemplate).rest);
    const found = pattern.exec(base.rest);
    if (!found) return undefined;
    const values = new Map(names.map((name, index) => [name, found[index + 1] ?? '']));
    const tokenRoot = withoutScheme(tokenTemplate).rest.replace(
      /\{([^}]+)\}/g,
      (_, name: string) => values.get(name) ?? '',
    );
    return `${base.scheme}//${tokenRoot.replace(/\/+$/, '')}${tokenOperation.pathTemplate}`;
  }
}
