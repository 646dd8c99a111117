import { type Command, InvalidArgumentError } from 'commander';
import { generateToken, TokenError } from '../http/token-client.js';
import { Transport } from '../http/transport.js';
import type { ApiMap } from '../runner/api-map.js';
import { EXIT, UsageError } from './usage-error.js';

/** Environment variables that keep secrets out of shell history. */
export const ENV = {
  token: 'TASKS_CONTRACT_TOKEN',
  username: 'TASKS_CONTRACT_USERNAME',
  password: 'TASKS_CONTRACT_PASSWORD',
} as const;

/** The credentials options every command that reads a real site takes (`verify`, `record`, `drift --base-url`). */
export interface CredentialOptions {
  token?: string;
  username?: string;
  password?: string;
  tokenUrl?: string;
  timeout: number;
  insecure?: boolean;
}

export interface Credentials {
  token?: string;
  username?: string;
  password?: string;
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

/** The credentials from the flags, else the environment. */
export function credentialsFrom(options: CredentialOptions): Credentials {
  return {
    token: options.token ?? process.env[ENV.token],
    username: options.username ?? process.env[ENV.username],
    password: options.password ?? process.env[ENV.password],
  };
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
export function secondsOption(raw: string): number {
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(value > 0) || value > 3600) {
    throw new InvalidArgumentError(`--timeout must be a number of seconds between 0 and 3600, got "${raw}".`);
  }
  return value;
}

/**
 * The token to read the site with: the one given, or one from generateToken for the user name and
 * password (at `--token-url`, else the URL derived from the admin root). Missing credentials and
 * refused ones are usage errors; undefined means the token URL did not answer (exit code 3 is set
 * and the reason printed).
 */
export async function tokenFor(
  api: ApiMap,
  options: CredentialOptions,
  credentials: Credentials,
): Promise<string | undefined> {
  if (credentials.token) return credentials.token;
  if (!credentials.username || !credentials.password) {
    throw new UsageError(
      `no credentials: pass --token, or --username and --password (or set ${ENV.token}, or ${ENV.username} and ${ENV.password})`,
    );
  }
  const tokenUrl = options.tokenUrl ?? api.tokenUrl();
  if (!tokenUrl)
    throw new UsageError(
      `cannot derive the token URL from --base-url ${api.baseUrl} (expected .../<context>/admin); pass --token-url`,
    );
  const referer = new URL(api.baseUrl).origin;
  const transport = new Transport({
    timeoutMs: options.timeout * 1000,
    maxSockets: 1,
    insecure: options.insecure ?? false,
    referer,
  });
  try {
    return await generateToken(transport, {
      tokenUrl,
      username: credentials.username,
      password: credentials.password,
      referer,
    });
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    if (!error.unreachable) throw new UsageError(error.message);
    process.stderr.write(`tasks-contract: ${error.message}\n`);
    process.exitCode = EXIT.unreachable;
    return undefined;
  } finally {
    transport.close();
  }
}
