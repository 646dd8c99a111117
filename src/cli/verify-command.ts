import { type Command, InvalidArgumentError } from 'commander';
import { generateToken, TokenError } from '../http/token-client.js';
import { Transport } from '../http/transport.js';
import { type RunningMock, startMockServer } from '../mock/index.js';
import { consoleReport } from '../report/console.js';
import { type ReportTarget, writeReports } from '../report/targets.js';
import { ApiMap } from '../runner/api-map.js';
import { CHECK_NAMES } from '../runner/checks/registry.js';
import { DEFAULTS, verify } from '../runner/engine.js';
import { parseShard, type Shard, WHOLE } from '../runner/shard.js';
import { loadContract } from '../spec/load.js';
import { exitCodeOf } from './exit-code.js';
import { keepHeapFlat } from './heap.js';
import { integerOption, reportOption } from './parse-options.js';
import { ProgressLine } from './progress.js';
import { withSpecOption } from './spec-options.js';
import { EXIT, UsageError } from './usage-error.js';

interface VerifyCommandOptions {
  spec: string;
  baseUrl?: string;
  token?: string;
  username?: string;
  password?: string;
  tokenUrl?: string;
  timeout: number;
  concurrency: number;
  report?: ReportTarget[];
  allowWrites?: boolean;
  shard?: Shard;
  insecure?: boolean;
  checks?: string[];
}

export { exitCodeOf } from './exit-code.js';

/** Environment variables that keep secrets out of shell history. */
export const ENV = {
  token: 'TASKS_CONTRACT_TOKEN',
  username: 'TASKS_CONTRACT_USERNAME',
  password: 'TASKS_CONTRACT_PASSWORD',
} as const;

function secondsOption(raw: string): number {
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(value > 0) || value > 3600) {
    throw new InvalidArgumentError(`--timeout must be a number of seconds between 0 and 3600, got "${raw}".`);
  }
  return value;
}

function shardOption(raw: string): Shard {
  const shard = parseShard(raw);
  if (typeof shard === 'string') throw new InvalidArgumentError(shard);
  return shard;
}

function checksOption(raw: string): string[] {
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !CHECK_NAMES.includes(name));
  if (unknown.length > 0)
    throw new InvalidArgumentError(`unknown check ${unknown.join(', ')}; the checks are ${CHECK_NAMES.join(', ')}.`);
  return names;
}

function baseUrlOf(raw: string): string {
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

async function obtainToken(
  api: ApiMap,
  options: VerifyCommandOptions,
  credentials: { token?: string; username?: string; password?: string },
  referer: string,
): Promise<string> {
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
  } finally {
    transport.close();
  }
}

/** `tasks-contract verify`: checks a real or mocked server against the contract. */
export function registerVerifyCommand(program: Command): void {
  withSpecOption(
    program
      .command('verify')
      .description('check that a server (or, without --base-url, the embedded mock) honours the contract')
      .option(
        '--base-url <url>',
        'the admin root, e.g. https://host/arcgis/admin (default: start the embedded mock and verify it)',
      )
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
      .option('--timeout <seconds>', 'per-request timeout in seconds', secondsOption, DEFAULTS.timeoutMs / 1000)
      .option(
        '--concurrency <n>',
        'requests in flight at once',
        integerOption('--concurrency', 1, 256),
        DEFAULTS.concurrency,
      )
      .option('--report <format:file>', 'also write junit:FILE, json:FILE or html:FILE (repeatable)', reportOption)
      .option('--allow-writes', 'also exercise writes: disable/enable round trips (restored) and a throw-away task')
      .option('--shard <i/n>', 'verify only shard i of n (tasks split by a hash of their id; default 1/1)', shardOption)
      .option('--checks <names>', `only these checks, comma-separated (${CHECK_NAMES.join(', ')})`, checksOption)
      .option('--insecure', 'accept self-signed TLS certificates'),
  ).action(async (options: VerifyCommandOptions) => {
    keepHeapFlat();
    const contract = await loadContract(options.spec);
    let mock: RunningMock | undefined;
    const credentials = {
      token: options.token ?? process.env[ENV.token],
      username: options.username ?? process.env[ENV.username],
      password: options.password ?? process.env[ENV.password],
    };
    try {
      let baseUrl: string;
      if (options.baseUrl) {
        baseUrl = baseUrlOf(options.baseUrl);
      } else {
        mock = await startMockServer({ port: 0, host: '127.0.0.1' });
        baseUrl = mock.adminUrl;
        Object.assign(credentials, { token: undefined, ...mock.credentials });
        options.tokenUrl = mock.tokenUrl;
      }
      const api = new ApiMap(contract, baseUrl);
      const missing = api.missingOperations(options.allowWrites ?? false);
      if (missing.length > 0)
        throw new UsageError(
          `the contract ${contract.sourcePath} lacks the operation(s) verify needs: ${missing.join(', ')}`,
        );
      const referer = new URL(baseUrl).origin;
      let token: string;
      try {
        token = await obtainToken(api, options, credentials, referer);
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        if (!error.unreachable) throw new UsageError(error.message);
        process.stderr.write(`tasks-contract: ${error.message}\n`);
        process.exitCode = EXIT.unreachable;
        return;
      }
      const progress = new ProgressLine('verify', 'tasks');
      const outcome = await verify({
        contract,
        baseUrl,
        token,
        // the embedded mock's default account (admin/admin) is public; masking "admin" would mangle every URL
        secrets: mock ? [] : [credentials.password, credentials.token].filter((s): s is string => Boolean(s)),
        timeoutMs: options.timeout * 1000,
        concurrency: options.concurrency,
        shard: options.shard ?? WHOLE,
        allowWrites: options.allowWrites ?? false,
        insecure: options.insecure ?? false,
        referer,
        embeddedMock: mock !== undefined,
        ...(options.checks ? { checks: options.checks } : {}),
        onProgress: (p) =>
          progress.update({
            done: p.tasksDone,
            total: p.tasks,
            detail: `${p.done.toLocaleString('en-US')} requests, ${p.findings} findings`,
          }),
      });
      progress.finish();
      process.stdout.write(consoleReport(outcome));
      await writeReports(outcome, options.report ?? []);
      process.exitCode = exitCodeOf(outcome);
    } finally {
      await mock?.close();
    }
  });
}
