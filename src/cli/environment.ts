/** Environment variables that keep secrets out of shell history (flags win over them). */
export const ENV = {
  token: 'TASKS_CONTRACT_TOKEN',
  username: 'TASKS_CONTRACT_USERNAME',
  password: 'TASKS_CONTRACT_PASSWORD',
  /** Keys record's pseudonyms of ownerId and orgId. */
  idKey: 'TASKS_CONTRACT_ID_KEY',
} as const;

/** The key of record's pseudonyms, when the environment sets one. */
export function idKeyFrom(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[ENV.idKey] || undefined;
}

/** The administrator the mock serves: flags, then the environment, then admin/admin. */
export interface MockAccount {
  readonly username: string;
  readonly password: string;
  /** True when the password came from the environment: it stays off the screen. */
  readonly passwordFromEnv: boolean;
}

/** The mock's administrator account (`mock --username/--password`, else the environment, else admin/admin). */
export function mockAccountFrom(
  flags: { username?: string | undefined; password?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): MockAccount {
  const fromEnv = !flags.password && Boolean(env[ENV.password]);
  return {
    username: flags.username || env[ENV.username] || 'admin',
    password: flags.password || env[ENV.password] || 'admin',
    passwordFromEnv: fromEnv,
  };
}
