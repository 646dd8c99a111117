import type { ContractLayout } from '../contract/layout.js';
import { type OperationMatch, OperationMatcher } from '../contract/match.js';
import type { OperationModel } from '../contract/model.js';
import { CONTROL_TABLE, type ControlEndpoint } from './control/table.js';
import type { OperationRoute } from './journal/near-miss.js';

/** Where a request goes: an operation of the spec, the mock's own control endpoints, or nowhere. */
export type Route =
  | { readonly kind: 'operation'; readonly match: OperationMatch }
  | { readonly kind: 'control'; readonly endpoint: ControlEndpoint; readonly method: string }
  | { readonly kind: 'directory'; readonly segments: readonly string[] }
  | { readonly kind: 'methodNotAllowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'notFound' };

/** Paths of the control endpoints start with this; the journal does not record calls to them. */
export const CONTROL_PREFIX = '/__mock/';

/**
 * Routes `/{context}/admin/...` to the admin operations and `/{context}/sharing/rest/...` to the
 * portal's (generateToken), using the spec's operation model, matched once per request by
 * `OperationMatcher` (compiled when the server starts).
 */
export class Router {
  private readonly adminPrefix: string;
  private readonly portalPrefix: string;
  private readonly admin: OperationMatcher;
  private readonly portal: OperationMatcher;
  /** Paths without parameters and their methods: `GET /system/tasks/createTask` is a wrong method, not task "createTask". */
  private readonly literalPaths = new Map<string, string[]>();
  /** Every operation as a client calls it (method, full path template), for near misses. */
  readonly operationRoutes: readonly OperationRoute[];

  /** The contract's layout (from its `servers`) says where the admin and portal roots are for a context. */
  constructor(context: string, operations: readonly OperationModel[], layout: ContractLayout) {
    const paths = layout.paths(context);
    this.adminPrefix = paths.adminRoot;
    this.portalPrefix = paths.portalRoot;
    const isPortal = (o: OperationModel) => layout.isPortal(o);
    this.admin = new OperationMatcher(operations.filter((o) => !isPortal(o)));
    this.portal = new OperationMatcher(operations.filter(isPortal));
    this.operationRoutes = operations.map((o) => ({
      operationId: o.operationId,
      method: o.method.toUpperCase(),
      path: `${isPortal(o) ? this.portalPrefix : this.adminPrefix}${o.pathTemplate}`,
    }));
    for (const o of operations) {
      if (o.pathTemplate.includes('{') || isPortal(o)) continue;
      this.literalPaths.set(o.pathTemplate, [...(this.literalPaths.get(o.pathTemplate) ?? []), o.method.toUpperCase()]);
    }
  }

  /**
   * Recent answers by method, then path: clients repeat the same few URLs (a map per method, so that
   * no key is built per request). Bounded, so odd paths cannot grow it.
   */
  private readonly recent = new Map<string, Map<string, Route>>();

  /** `method` is upper case; HEAD is routed as GET. */
  route(method: string, path: string): Route {
    let byPath = this.recent.get(method);
    if (!byPath) {
      // the method comes from the request line: any token of letters node accepted
      if (this.recent.size >= 64) this.recent.clear();
      byPath = new Map();
      this.recent.set(method, byPath);
    }
    let found = byPath.get(path);
    if (!found) {
      found = this.resolve(method, path);
      if (byPath.size >= 1024) byPath.clear();
      byPath.set(path, found);
    }
    return found;
  }

  private resolve(method: string, path: string): Route {
    const control = Object.hasOwn(CONTROL_TABLE, path) ? CONTROL_TABLE[path] : undefined;
    if (control) {
      const endpoint = Object.hasOwn(control, method) ? control[method] : undefined;
      return endpoint
        ? { kind: 'control', endpoint, method }
        : { kind: 'methodNotAllowed', allowed: Object.keys(control) };
    }
    let matcher: OperationMatcher;
    let rest: string;
    if (
      path.startsWith(this.adminPrefix) &&
      (path.length === this.adminPrefix.length || path[this.adminPrefix.length] === '/')
    ) {
      matcher = this.admin;
      rest = path.slice(this.adminPrefix.length);
      if (rest === '' || rest === '/' || rest === '/system' || rest === '/system/') {
        return method === 'GET' || method === 'POST'
          ? { kind: 'directory', segments: rest.split('/').filter(Boolean) }
          : { kind: 'methodNotAllowed', allowed: ['GET', 'POST'] };
      }
    } else if (path.startsWith(`${this.portalPrefix}/`)) {
      matcher = this.portal;
      rest = path.slice(this.portalPrefix.length);
    } else {
      return { kind: 'notFound' };
    }
    const match = matcher.match(method, rest);
    if (match?.operation.pathTemplate.includes('{')) {
      const literal = this.literalPaths.get(rest.endsWith('/') ? rest.slice(0, -1) : rest);
      if (literal) return { kind: 'methodNotAllowed', allowed: literal };
    }
    if (match) return { kind: 'operation', match };
    const allowed = matcher.allowedMethods(rest).map((m) => m.toUpperCase());
    return allowed.length > 0 ? { kind: 'methodNotAllowed', allowed } : { kind: 'notFound' };
  }
}
