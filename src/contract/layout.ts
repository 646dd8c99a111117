import { PathTemplate, serverPathOf } from '../domain/path-template.js';
import {
  ARCGIS_LAYOUT,
  type DeploymentLayout,
  type DeploymentPaths,
  deploymentPaths,
  deploymentUrls,
  isTokenServer,
  tokenUrlFor,
  tokenUrlForPath,
} from '../domain/token-url.js';
import type { OperationRole } from './roles.js';

/** What the layout reads of an operation (the model's fields; no import of the model, which holds a layout). */
interface ServedOperation {
  readonly servers: readonly string[];
  readonly pathTemplate: string;
  readonly role: OperationRole | undefined;
}

/**
 * Where a deployment serves this contract, read from the spec's `servers`: the admin API's server
 * template (the read operations'), and the token operation's server and path. Every URL and path a
 * tool derives for a site (admin root, token URL, context) goes through it.
 *
 * @example
 * contract.layout.paths('arcgis').adminRoot;                    // '/arcgis/admin'
 * contract.layout.tokenUrl('https://host:7443/arcgis/admin');   // 'https://host:7443/arcgis/sharing/rest/generateToken'
 * contract.layout.contextOf('https://host/portal/admin');       // 'portal'
 */
export class ContractLayout {
  /** Whether the spec has a token operation; without one `tokenUrl` and `tokenUrlForPath` answer undefined. */
  readonly hasTokenOperation: boolean;

  constructor(
    readonly deployment: DeploymentLayout,
    hasTokenOperation: boolean,
  ) {
    this.hasTokenOperation = hasTokenOperation;
  }

  /** The admin root, portal root and token path of a deployment served under `context`. */
  paths(context: string): DeploymentPaths {
    return deploymentPaths(context, this.deployment);
  }

  /** The admin root and token URL of a deployment at `origin` (`http://127.0.0.1:4010`) under `context`. */
  urls(origin: string, context: string): { adminUrl: string; tokenUrl: string } {
    return deploymentUrls(origin, context, this.deployment);
  }

  /** The token URL for an admin root; undefined when the URL does not fit the admin server template. */
  tokenUrl(adminUrl: string): string | undefined {
    return this.hasTokenOperation ? tokenUrlFor(adminUrl, this.deployment) : undefined;
  }

  /** The token URL for a full request path (`/arcgis/admin/system/tasks`) on `origin`, as pact files write paths. */
  tokenUrlForPath(origin: string, path: string): string | undefined {
    return this.hasTokenOperation ? tokenUrlForPath(origin, path, this.deployment) : undefined;
  }

  /** True for an operation served by the portal (the token operation's server), not the admin API. */
  isPortal(operation: Pick<ServedOperation, 'servers'>): boolean {
    return operation.servers.some((server) => isTokenServer(server, this.deployment));
  }

  /**
   * The context of an admin root (`portal` in `https://host/portal/admin`): the admin server
   * template's `{context}`; a URL that does not fit it has its whole path as the context.
   */
  contextOf(adminRoot: string): string {
    const path = new URL(adminRoot).pathname.replace(/\/+$/, '');
    const values = new PathTemplate(serverPathOf(this.deployment.adminServer), { value: 'text' }).match(path);
    return values?.['context'] ?? path.replace(/^\/+/, '');
  }
}

/**
 * The layout of a contract's operations: the admin server is the one the read operations use (the
 * document's `servers`), the token server and path the token operation's. A spec without a token
 * operation keeps ArcGIS's portal layout for the paths the mock serves.
 */
export function layoutOf(operations: readonly ServedOperation[]): ContractLayout {
  const token = operations.find((o) => o.role?.kind === 'token');
  const admin = operations.find((o) => o.role?.kind === 'read') ?? operations.find((o) => o !== token);
  const adminServer = admin?.servers[0] ?? ARCGIS_LAYOUT.adminServer;
  const tokenServer = token?.servers[0];
  if (!token || !tokenServer) return new ContractLayout({ ...ARCGIS_LAYOUT, adminServer }, false);
  return new ContractLayout({ adminServer, tokenServer, tokenPath: token.pathTemplate }, true);
}
