import type { ContractModel, OperationModel } from '../contract/model.js';
import { fillPath } from '../contract/operation-roles.js';
import type { ResourceKind, WriteKind } from '../contract/roles.js';

const endpointNames = new WeakMap<OperationModel, string>();

/** `GET /system/tasks/{taskId}`: how reports name an operation (one string per operation: every verdict is tallied under it). */
export function endpointName(operation: OperationModel): string {
  let name = endpointNames.get(operation);
  if (name === undefined) {
    name = `${operation.method.toUpperCase()} ${operation.pathTemplate}`;
    endpointNames.set(operation, name);
  }
  return name;
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

  constructor(
    readonly contract: ContractModel,
    baseUrl: string,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Operation ids the engine needs that the contract lacks (the spec, not the server, is wrong). */
  missingOperations(withWrites: boolean): string[] {
    return this.contract.roles.missing(withWrites);
  }

  read(kind: ResourceKind, method: 'get' | 'post'): OperationModel {
    const operation = this.contract.roles.read(kind, method);
    if (!operation) throw new Error(`the contract has no operation that reads ${kind} on ${method.toUpperCase()}`);
    return operation;
  }

  write(kind: WriteKind): OperationModel {
    const operation = this.contract.roles.write(kind);
    if (!operation) throw new Error(`the contract has no ${kind} operation`);
    return operation;
  }

  operation(id: string): OperationModel {
    const operation = this.contract.operationsById.get(id);
    if (!operation) throw new Error(`the contract has no operation ${id}`);
    return operation;
  }

  /** The operation's URL at this deployment, path parameters filled in (and encoded). */
  url(operation: OperationModel, params: Readonly<Record<string, string>> = {}): string {
    return `${this.baseUrl}${fillPath(operation, params)}`;
  }

  /**
   * The token URL, derived through the spec's servers (`contract.layout`): the base URL is matched
   * against the admin server template (`https://{host}/{context}/admin`), and its variables fill the
   * token operation's (`https://{host}/{context}/sharing/rest`). Undefined when the base URL does not
   * fit the template or the contract has no token operation.
   */
  tokenUrl(): string | undefined {
    return this.contract.layout.tokenUrl(this.baseUrl);
  }
}
