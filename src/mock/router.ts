import { type OperationMatch, OperationMatcher } from '../contract/match.js';
import type { OperationModel } from '../contract/model.js';
import { deploymentPaths, isTokenServer } from '../domain/token-url.js';
import type { RequestsControlName } from './control/requests.js';
import type { OperationRoute } from './journal/near-miss.js';

/** Where a request goes: an operation of the spec, the mock's own control endpoints, or nowhere. */
export type Route =
  | { readonly kind: 'operation'; readonly match: OperationMatch }
  | { readonly kind: 'control'; readonly name: ControlName; readonly method: string }
  | { readonly kind: 'directory'; readonly segments: readonly string[] }
  | { readonly kind: 'methodNotAllowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'notFound' };

/** The mock's own endpoints: reset, state, put a task and its runs, the request journal, the test double's. */
export type ControlName = 'reset' | 'state' | 'put-task' | 'clock' | 'outcomes' | 'scenario' | RequestsControlName;

/** Paths of the control endpoints start with this; the journal does not record calls to them. */
export const CONTROL_PREFIX = '/__mock/';

/** Each control path and the control endpoint of each method it takes. */
const CONTROL: Record<string, Readonly<Partial<Record<string, ControlName>>>> = {
  '/__mock/reset': { POST: 'reset' },
  '/__mock/state': { GET: 'state' },
  '/__mock/tasks': { POST: 'put-task' },
  '/__mock/requests': { GET: 'requests', DELETE: 'clear-requests' },
  '/__mock/requests/count': { GET: 'count-requests' },
  '/__mock/clock': { GET: 'clock', POST: 'clock' },
  '/__mock/outcomes': { GET: 'outcomes', POST: 'outcomes', DELETE: 'outcomes' },
  '/__mock/scenario': { POST: 'scenario' },
};

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

  constructor(context: string, operations: readonly OperationModel[]) {
    const paths = deploymentPaths(context);
    this.adminPrefix = paths.adminRoot;
    this.portalPrefix = paths.portalRoot;
    const isPortal = (o: OperationModel) => o.servers.some((s) => isTokenServer(s));
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

  /** Recent answers by method and path: clients repeat the same few URLs. Bounded, so odd paths cannot grow it. */
  private readonly recent = new Map<string, Route>();

  /** `method` is upper case; HEAD is routed as GET. */
  route(method: string, path: string): Route {
    const key = `${method} ${path}`;
    let found = this.recent.get(key);
    if (!found) {
      found = this.resolve(method, path);
      if (this.recent.size >= 1024) this.recent.clear();
      this.recent.set(key, found);
    }
    return found;
  }

  private resolve(method: string, path: string): Route {
    const control = CONTROL[path];
    if (control) {
      const name = control[method];
      return name ? { kind: 'control', name, method } : { kind: 'methodNotAllowed', allowed: Object.keys(control) };
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
