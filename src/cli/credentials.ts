import { obtainToken, type TokenConnection, TokenError } from '../http/token-client.js';
import { ENV } from './environment.js';
import { EXIT, UsageError } from './usage-error.js';

/** What the user gave to authenticate with: flags first, then the environment. */
export interface Credentials {
  readonly token?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
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
