import { PathTemplate, serverPathOf } from '../domain/path-template.js';
import type { HttpMethod, OperationModel } from './model.js';

export interface OperationMatch {
  readonly operation: OperationModel;
  readonly pathParams: Readonly<Record<string, string>>;
}

interface CompiledRoute {
  readonly operation: OperationModel;
  readonly template: PathTemplate;
}

function compileRoute(operation: OperationModel, withServerPath: boolean): CompiledRoute {
  const path = (withServerPath ? serverPathOf(operation.servers[0] ?? '') : '') + operation.pathTemplate;
  return { operation, template: new PathTemplate(path, { end: 'slash', decode: true }) };
}

/**
 * Finds operations by method and path. Paths are relative to the server base (`/system/tasks/abc`),
 * or, with `withServerPath`, full paths that include each operation's server path
 * (`/arcgis/admin/system/tasks/abc`, `/arcgis/sharing/rest/generateToken`; server variables such as
 * `context` come back as path parameters). Concrete paths win over templated ones
 * (`/system/tasks/createTask` before `/system/tasks/{taskId}`), as OpenAPI requires.
 */
export class OperationMatcher {
  private readonly routes: CompiledRoute[];

  constructor(operations: readonly OperationModel[], options: { withServerPath?: boolean } = {}) {
    this.routes = operations
      .map((operation) => compileRoute(operation, options.withServerPath ?? false))
      .sort(
        (a, b) =>
          a.template.names.length - b.template.names.length || b.template.literalLength - a.template.literalLength,
      );
  }

  /** The operation for this method and path, or undefined. */
  match(method: string, path: string): OperationMatch | undefined {
    const lower = method.toLowerCase() as HttpMethod;
    for (const route of this.routes) {
      if (route.operation.method !== lower) continue;
      const params = route.template.match(path);
      if (params) return { operation: route.operation, pathParams: params };
    }
    return undefined;
  }

  /** The methods the spec allows on this path (for 405-style answers); empty when the path is unknown. */
  allowedMethods(path: string): HttpMethod[] {
    return this.routes.filter((route) => route.template.match(path)).map((route) => route.operation.method);
  }
}
