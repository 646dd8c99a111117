import type { ContractModel, OperationModel } from '../contract/model.js';
import { PathTemplate } from '../domain/path-template.js';
import { tokenUrlFor } from '../domain/token-url.js';

/** The resources verify reads, each on GET and on POST. */
export type ResourceKind = 'list' | 'task' | 'runs' | 'run';

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
  /** Each operation's path template, parsed once (a run builds a URL per request). */
  private readonly templates = new Map<string, PathTemplate>();

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
    let template = this.templates.get(operation.pathTemplate);
    if (!template) {
      template = new PathTemplate(operation.pathTemplate);
      this.templates.set(operation.pathTemplate, template);
    }
    const missing = template.names.find((name) => params[name] === undefined);
    if (missing !== undefined) throw new Error(`no value for path parameter ${missing} of ${operation.operationId}`);
    return `${this.baseUrl}${template.fill((name) => encodeURIComponent(params[name]!))}`;
  }

  /**
   * The token URL, derived through the spec's servers (see `tokenUrlFor`): the base URL is matched
   * against the admin operations' server template (`https://{host}/{context}/admin`), and its
   * variables fill the token operation's (`https://{host}/{context}/sharing/rest`). Undefined when
   * the base URL does not fit the template.
   */
  tokenUrl(): string | undefined {
    const tokenOperation = this.contract.operationsById.get(TOKEN_OPERATION);
    const adminServer = this.read('list', 'get').servers[0];
    const tokenServer = tokenOperation?.servers[0];
    if (!tokenOperation || !adminServer || !tokenServer) return undefined;
    return tokenUrlFor(this.baseUrl, { adminServer, tokenServer, tokenPath: tokenOperation.pathTemplate });
  }
}
