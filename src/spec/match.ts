import type { HttpMethod, OperationModel } from './model.js';

export interface OperationMatch {
  readonly operation: OperationModel;
  readonly pathParams: Readonly<Record<string, string>>;
}

interface CompiledRoute {
  readonly operation: OperationModel;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly literalLength: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The path part of a server URL template: `https://{host}/{context}/admin` -> `/{context}/admin`. */
export function serverPathOf(serverUrl: string): string {
  const path = serverUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return path.replace(/\/+$/, '');
}

function compileRoute(operation: OperationModel, withServerPath: boolean): CompiledRoute {
  const template = (withServerPath ? serverPathOf(operation.servers[0] ?? '') : '') + operation.pathTemplate;
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(part);
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  const literalLength = template.replace(/\{[^}]+\}/g, '').length;
  return { operation, pattern: new RegExp(`^${source}/?$`), names, literalLength };
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
      .sort((a, b) => a.names.length - b.names.length || b.literalLength - a.literalLength);
  }

  /** The operation for this method and path, or undefined. */
  match(method: string, path: string): OperationMatch | undefined {
    const lower = method.toLowerCase() as HttpMethod;
    for (const route of this.routes) {
      if (route.operation.method !== lower) continue;
      const params = this.extract(route, path);
      if (params) return { operation: route.operation, pathParams: params };
    }
    return undefined;
  }

  /** The methods the spec allows on this path (for 405-style answers); empty when the path is unknown. */
  allowedMethods(path: string): HttpMethod[] {
    return this.routes.filter((route) => this.extract(route, path)).map((route) => route.operation.method);
  }

  private extract(route: CompiledRoute, path: string): Record<string, string> | undefined {
    const found = route.pattern.exec(path);
    if (!found) return undefined;
    const params: Record<string, string> = {};
    route.names.forEach((name, index) => {
      const raw = found[index + 1] ?? '';
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        params[name] = raw; // a malformed %-escape is left as sent; the id check rejects it downstream
      }
    });
    return params;
  }
}
