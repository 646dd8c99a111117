import { PathTemplate, serverPathOf, splitScheme } from './path-template.js';

/**
 * Where a deployment serves the admin API and the portal operation that issues its tokens, as
 * server URL templates (the spec's `servers`) and the token operation's path.
 */
export interface DeploymentLayout {
  readonly adminServer: string;
  readonly tokenServer: string;
  readonly tokenPath: string;
}

/**
 * ArcGIS Enterprise's layout: the admin API at `https://{host}/{context}/admin`, tokens from
 * `https://{host}/{context}/sharing/rest/generateToken`. The bundled spec's `servers` say the same
 * (a test keeps the two equal); `ApiMap` reads the layout of whatever spec it is given.
 */
export const ARCGIS_LAYOUT: DeploymentLayout = {
  adminServer: 'https://{host}/{context}/admin',
  tokenServer: 'https://{host}/{context}/sharing/rest',
  tokenPath: '/generateToken',
};

/** The root paths of a deployment served under `context` (`/arcgis/admin`, `/arcgis/sharing/rest`, and the token path). */
export interface DeploymentPaths {
  readonly adminRoot: string;
  readonly portalRoot: string;
  readonly tokenPath: string;
}

/**
 * @example deploymentPaths('arcgis') // { adminRoot: '/arcgis/admin', portalRoot: '/arcgis/sharing/rest', tokenPath: '/arcgis/sharing/rest/generateToken' }
 */
export function deploymentPaths(context: string, layout: DeploymentLayout = ARCGIS_LAYOUT): DeploymentPaths {
  const withContext = (server: string) =>
    new PathTemplate(serverPathOf(server)).fill((name) => (name === 'context' ? context : undefined));
  const portalRoot = withContext(layout.tokenServer);
  return { adminRoot: withContext(layout.adminServer), portalRoot, tokenPath: `${portalRoot}${layout.tokenPath}` };
}

/** True for the server URL template of the portal operations (the token endpoint), false for the admin API's. */
export function isTokenServer(serverUrl: string, layout: DeploymentLayout = ARCGIS_LAYOUT): boolean {
  return serverPathOf(serverUrl) === serverPathOf(layout.tokenServer);
}

/** The admin root and token URL of a deployment at `origin` (`http://127.0.0.1:4010`) under `context`. */
export function deploymentUrls(
  origin: string,
  context: string,
  layout: DeploymentLayout = ARCGIS_LAYOUT,
): { adminUrl: string; tokenUrl: string } {
  const base = origin.replace(/\/+$/, '');
  const paths = deploymentPaths(context, layout);
  return { adminUrl: `${base}${paths.adminRoot}`, tokenUrl: `${base}${paths.tokenPath}` };
}

/**
 * The token URL for an admin root: the admin URL is matched against the layout's admin server
 * template, and its variables fill the token server's. Undefined when the URL does not fit.
 *
 * @example
 * tokenUrlFor('https://host:7443/arcgis/admin') // 'https://host:7443/arcgis/sharing/rest/generateToken'
 * tokenUrlFor('https://host/portal')            // undefined
 */
export function tokenUrlFor(adminUrl: string, layout: DeploymentLayout = ARCGIS_LAYOUT): string | undefined {
  const base = splitScheme(adminUrl.replace(/\/+$/, ''));
  const values = new PathTemplate(splitScheme(layout.adminServer).rest, { value: 'text' }).match(base.rest);
  if (!values) return undefined;
  const tokenRoot = new PathTemplate(splitScheme(layout.tokenServer).rest).fill((name) => values[name] ?? '');
  return `${base.scheme}//${tokenRoot.replace(/\/+$/, '')}${layout.tokenPath}`;
}

/**
 * The token URL for a request path under an admin root (`/arcgis/admin/system/tasks` on `origin`),
 * as pact files write their paths. Undefined when the path is not under an admin root.
 *
 * @example tokenUrlForPath('http://h:4010', '/arcgis/admin/system/tasks') // 'http://h:4010/arcgis/sharing/rest/generateToken'
 */
export function tokenUrlForPath(
  origin: string,
  path: string,
  layout: DeploymentLayout = ARCGIS_LAYOUT,
): string | undefined {
  const found = new PathTemplate(serverPathOf(layout.adminServer), { end: 'prefix' }).matchWithRest(path);
  const context = found?.values['context'];
  if (!found || context === undefined || !found.rest.startsWith('/')) return undefined;
  return deploymentUrls(new URL(origin).origin, context, layout).tokenUrl;
}
