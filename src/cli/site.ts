import type { Command } from 'commander';
import type { ContractModel } from '../contract/model.js';
import { serverPathOf } from '../domain/path-template.js';
import { ARCGIS_LAYOUT } from '../domain/token-url.js';
import { Transport } from '../http/transport.js';
import type { RunningMock } from '../mock/index.js';
import { detectErrorEnvelope } from '../validation/envelope.js';
import { ApiMap } from '../verify/api-map.js';
import {
  baseUrlOf,
  type CredentialOptions,
  type Credentials,
  credentialsFrom,
  tokenFor,
  withCredentialOptions,
} from './credentials.js';
import { UsageError } from './usage-error.js';

/**
 * The site a command reads (verify, record, drift; pact verify shares the options): `--base-url`,
 * the credentials, `--timeout` and `--insecure`, one set of names and limits for every command.
 */
export interface SiteOptions extends CredentialOptions {
  baseUrl?: string;
}

/** Adds `--base-url` (required or not) and the credential options to a command. */
export function withSiteOptions(
  command: Command,
  site: { baseUrl: string; required?: boolean; defaultTimeoutSeconds: number },
): Command {
  const withBase = site.required
    ? command.requiredOption('--base-url <url>', site.baseUrl)
    : command.option('--base-url <url>', site.baseUrl);
  return withCredentialOptions(withBase, site.defaultTimeoutSeconds);
}

/** A site opened for reading: where it is, the token to read it with, and how to let it go. */
export interface OpenSite {
  readonly api: ApiMap;
  readonly baseUrl: string;
  readonly token: string;
  readonly credentials: Credentials;
  readonly referer: string;
  /** The embedded mock started because there was no `--base-url`. */
  readonly mock: RunningMock | undefined;
  close(): Promise<void>;
}

/**
 * What to add to a `--base-url` that is not an admin root, derived from the layout of the contract's
 * servers (`https://{host}/{context}/admin`): the origin alone gets `/arcgis/admin`, a context
 * alone gets `/admin`, a URL below the admin root is cut back to it.
 *
 * @example adminRootAdvice('http://host:6443') // '... add /arcgis/admin: --base-url http://host:6443/arcgis/admin ...'
 */
function adminRootAdvice(baseUrl: string, adminServer: string = ARCGIS_LAYOUT.adminServer): string {
  const url = new URL(baseUrl);
  const template = serverPathOf(adminServer); // '/{context}/admin'
  const example = template.replace('{context}', 'arcgis');
  const path = url.pathname.replace(/\/+$/, '');
  const segments = path.split('/').filter(Boolean);
  const last = template.split('/').filter(Boolean).at(-1) ?? 'admin';
  const below = segments.indexOf(last);
  let fixed: string | undefined;
  if (segments.length === 0) fixed = `${url.origin}${example}`;
  else if (segments.length === 1) fixed = `${url.origin}${path}/${last}`;
  else if (below >= 1) fixed = `${url.origin}/${segments.slice(0, below + 1).join('/')}`;
  const start = `--base-url ${baseUrl} is not an admin root (${template}, e.g. ${example})`;
  return fixed === undefined
    ? `${start}; give the admin root, or --token-url when the site's layout differs`
    : `${start}: use --base-url ${fixed}`;
}

/** The one line for a token the site refuses (498, 403, or 499 although one was sent), else undefined. */
function refusedTokenMessage(status: number, code: number | undefined, detail: string): string | undefined {
  const refused = [498, 499, 403].find((c) => c === code || c === status);
  const why = detail ? `: ${detail}` : '';
  if (refused === 498)
    return `the site refused the token (498 invalid or expired${why}); get a new one, or pass --username and --password`;
  if (refused === 499)
    return `the site asked for a token although one was sent (499${why}): is it a token of another site or referer?`;
  if (refused === 403)
    return `the site refused the token's user (403${why}): verify, record and drift need an administrator's token`;
  return undefined;
}

/**
 * Reads the task list once with the token before the real work: a token the site refuses is a set-up
 * error (exit 2, one line), not a run of findings. Anything else (no answer, a broken list) is left
 * to the command, which reports it as it does.
 */
async function checkTokenAccepted(
  api: ApiMap,
  token: string,
  connection: { timeoutMs: number; insecure: boolean; referer: string },
): Promise<void> {
  const transport = new Transport({ ...connection, maxSockets: 1, token });
  try {
    const list = api.read('list', 'get');
    const exchange = await transport.send({ method: 'GET', url: api.url(list), query: { f: 'json' }, auth: 'token' });
    if (!exchange.response) return;
    const envelope = detectErrorEnvelope(exchange.json);
    if (!envelope && exchange.response.status < 400) return;
    const message = refusedTokenMessage(exchange.response.status, envelope?.code, envelope?.messages.join(' ') ?? '');
    if (message) throw new UsageError(message);
  } finally {
    transport.close();
  }
}

/**
 * Opens the site of `--base-url`, or (with `embeddedMock`, when there is none) starts the embedded
 * mock with a frozen clock and reads that. Checks that the contract has the operations the command
 * needs, that the base URL is an admin root (else says what to add) and that the site takes the token.
 * Undefined when the token URL did not answer (the exit code is set, one line printed).
 */
export async function openSite(
  contract: ContractModel,
  options: SiteOptions,
  needs: { command: string; allowWrites?: boolean; embeddedMock?: boolean },
): Promise<OpenSite | undefined> {
  let mock: RunningMock | undefined;
  let baseUrl: string;
  let credentials: Credentials;
  let tokenOptions: CredentialOptions = options;
  if (options.baseUrl !== undefined) {
    baseUrl = baseUrlOf(options.baseUrl);
    credentials = credentialsFrom(options);
  } else if (needs.embeddedMock) {
    // a clock frozen at start: no schedule fires while the mock is being read
    // the mock's modules are loaded only when it runs: a run against a site does not pay for them
    const { startMockServer } = await import('../mock/index.js');
    mock = await startMockServer({ port: 0, host: '127.0.0.1', clock: Date.now() });
    baseUrl = mock.adminUrl;
    credentials = mock.credentials;
    tokenOptions = { ...options, tokenUrl: mock.tokenUrl };
  } else {
    throw new UsageError(`${needs.command} needs --base-url (the admin root, e.g. https://host/arcgis/admin)`);
  }
  const close = async () => {
    await mock?.close();
  };
  try {
    const api = new ApiMap(contract, baseUrl);
    const missing = api.missingOperations(needs.allowWrites ?? false);
    if (missing.length > 0)
      throw new UsageError(
        `the contract ${contract.sourcePath} lacks the operation(s) ${needs.command} needs: ${missing.join(', ')}`,
      );
    if (tokenOptions.tokenUrl === undefined && api.tokenUrl() === undefined)
      throw new UsageError(adminRootAdvice(baseUrl, api.read('list', 'get').servers[0]));
    const referer = new URL(baseUrl).origin;
    const token = await tokenFor(api, tokenOptions, credentials);
    if (token === undefined) {
      await close();
      return undefined;
    }
    if (!mock)
      await checkTokenAccepted(api, token, {
        timeoutMs: options.timeout * 1000,
        insecure: options.insecure ?? false,
        referer,
      });
    return { api, baseUrl, token, credentials, referer, mock, close };
  } catch (error) {
    await close();
    throw error;
  }
}
