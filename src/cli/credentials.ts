import { type Command, InvalidArgumentError } from 'commander';
import { obtainToken, type TokenConnection, TokenError } from '../http/token-client.js';
import type { ApiMap } from '../verify/api-map.js';
import { ENV } from './environment.js';
import { EXIT, UsageError } from './usage-error.js';

/** What the user gave to authenticate with: flags first, then the environment. */
export interface Credentials {
  readonly token?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
}

/** The credentials options every command that reads a real site takes (`verify`, `record`, `drift --base-url`). */
export interface CredentialOptions extends Credentials {
  tokenUrl?: string;
  timeout: number;
  insecure?: boolean;
}

/** Adds the credential options (`--token`, `--username`, `--password`, `--token-url`), `--timeout` and `--insecure`. */
export function withCredentialOptions(command: Command, defaultTimeoutSeconds: number): Command {
  return command
    .option('--token <token>', `a token (or set ${ENV.token})`)
    .option('--username <name>', `administrator for generateToken (or set ${ENV.username})`)
    .option(
      '--password <password>',
      `password for generateToken (or set ${ENV.password}, which keeps it out of shell history)`,
    )
    .option(
      '--token-url <url>',
      'generateToken URL (default: derived from --base-url, .../admin -> .../sharing/rest/generateToken)',
    )
    .option('--timeout <seconds>', 'per-request timeout in seconds', secondsOption, defaultTimeoutSeconds)
    .option('--insecure', 'accept self-signed TLS certificates');
}

/** The credentials of a command's flags, each falling back to its environment variable. */
export function credentialsFrom(flags: Credentials, env: NodeJS.ProcessEnv = process.env): Credentials {
  return {
    token: flags.token ?? (env[ENV.token] || undefined),
    username: flags.username ?? (env[ENV.username] || undefined),
    password: flags.password ?? (env[ENV.password] || undefined),
  };
}

/** True when the credentials can get a token: a token, or a user name and a password. */
export function canAuthenticate(credentials: Credentials): boolean {
  return Boolean(credentials.token || (credentials.username && credentials.password));
}

/** Checks `--base-url`: an http(s) admin root without a query string; the trailing slash dropped. */
export function baseUrlOf(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--base-url ${raw} is not a URL; give the admin root, e.g. https://host/arcgis/admin`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--base-url must be http or https, got ${url.protocol}`);
  if (url.search || url.hash)
    throw new UsageError(
      '--base-url must not have a query string or fragment (pass the token with --token or TASKS_CONTRACT_TOKEN)',
    );
  return url.toString().replace(/\/+$/, '');
}

/** A commander parser for `--timeout SECONDS`. */
function secondsOption(raw: string): number {
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(value > 0) || value > 3600) {
    throw new InvalidArgumentError(`--timeout must be a number of seconds between 0 and 3600, got "${raw}".`);
  }
  return value;
}

/** The one-line message for a command that needs credentials and got none. */
function noCredentials(): UsageError {
  return new UsageError(
    `no credentials: pass --token, or --username and --password (or set ${ENV.token}, or ${ENV.username} and ${ENV.password})`,
  );
}

/**
 * The token to use: the given one, or one from generateToken at `tokenUrl()` (called only then).
 * Credentials generateToken refuses are a usage error (exit 2); a token URL that does not answer
 * prints one line, sets exit code 3 and gives undefined, so the command stops.
 */
export async function tokenFromCredentials(
  credentials: Credentials,
  tokenUrl: () => string,
  request: { referer: string } & TokenConnection,
): Promise<string | undefined> {
  if (credentials.token) return credentials.token;
  if (!credentials.username || !credentials.password) throw noCredentials();
  const { referer, ...connection } = request;
  try {
    return await obtainToken(
      { tokenUrl: tokenUrl(), username: credentials.username, password: credentials.password, referer },
      connection,
    );
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    if (!error.unreachable) throw new UsageError(error.message);
    process.stderr.write(`tasks-contract: ${error.message}\n`);
    process.exitCode = EXIT.unreachable;
    return undefined;
  }
}

/**
 * The token to read a site at `api.baseUrl` with (see `tokenFromCredentials`): the token URL is
 * `--token-url`, else the one the contract's servers derive from the admin root.
 */
export function tokenFor(
  api: ApiMap,
  options: CredentialOptions,
  credentials: Credentials,
): Promise<string | undefined> {
  const tokenUrl = () => {
    const url = options.tokenUrl ?? api.tokenUrl();
    if (url) return url;
    throw new UsageError(
      `cannot derive the token URL from --base-url ${api.baseUrl} (expected .../<context>/admin); pass --token-url`,
    );
  };
  return tokenFromCredentials(credentials, tokenUrl, {
    referer: new URL(api.baseUrl).origin,
    timeoutMs: options.timeout * 1000,
    insecure: options.insecure ?? false,
  });
}
