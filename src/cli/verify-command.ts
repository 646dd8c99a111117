import { type Command, InvalidArgumentError } from 'commander';
import { loadContract } from '../contract/load.js';
import type { ContractModel } from '../contract/model.js';
import { consoleReport } from '../report/console.js';
import { type ReportTarget, renderVerifyReport } from '../report/targets.js';
import { ApiMap } from '../verify/api-map.js';
import { CHECK_NAMES } from '../verify/checks/registry.js';
import { DEFAULTS, verify } from '../verify/engine.js';
import { DEFAULT_SAMPLE } from '../verify/sample.js';
import { parseShard, type Shard, WHOLE } from '../verify/shard.js';
import { DEFAULT_WRITE_CASES } from '../verify/writes/session.js';
import { baseUrlOf, credentialsFrom, tokenFor } from './credentials.js';
import { emitReports } from './emit-reports.js';
import { exitCodeOf } from './exit-code.js';
import { keepHeapFlat } from './heap.js';
import { integerOption, reportOption } from './parse-options.js';
import { ProgressLine } from './progress.js';
import { RELEASE_CHOICES, releaseOption } from './release-option.js';
import { openSite, withSiteOptions } from './site.js';
import { refRootsOf, withSpecOption } from './spec-options.js';
import { tierUpSooner } from './tier-up.js';
import { UsageError } from './usage-error.js';

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
  strict?: boolean;
  exhaustive?: boolean;
  seed: number;
  sample: number;
  maxRps?: number;
  release?: string;
  writeCases?: number;
  cleanup?: string;
}

export { ENV } from './environment.js';
export { exitCodeOf } from './exit-code.js';

function shardOption(raw: string): Shard {
  const shard = parseShard(raw);
  if (typeof shard === 'string') throw new InvalidArgumentError(shard);
  return shard;
}

/** `--max-rps`: a positive number of requests per second (0.5: one request every two seconds). */
function rateOption(raw: string): number {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 100_000)
    throw new InvalidArgumentError(`--max-rps must be a number of requests per second above 0, got "${raw}".`);
  return value;
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

/** `verify --cleanup LEDGER`: finishes what an interrupted write run left; exit 1 while something remains. */
async function cleanupCommand(contract: ContractModel, options: VerifyCommandOptions): Promise<void> {
  const { cleanupFromLedger, ledgerBaseUrl } = await import('../verify/writes/cleanup.js');
  const baseUrl = options.baseUrl ? baseUrlOf(options.baseUrl) : ledgerBaseUrl(options.cleanup!);
  if (!baseUrl) throw new UsageError(`--cleanup ${options.cleanup} is not a ledger of verify --allow-writes`);
  const api = new ApiMap(contract, baseUrl);
  const token = await tokenFor(api, options, credentialsFrom(options));
  if (token === undefined) return;
  const result = await cleanupFromLedger({
    contract,
    ledgerPath: options.cleanup!,
    token,
    baseUrl,
    insecure: options.insecure ?? false,
  });
  if (typeof result === 'string') throw new UsageError(result);
  process.stdout.write(
    result.remaining === 0
      ? `cleanup ${result.baseUrl}: done; ${result.ledger} removed\n`
      : `cleanup ${result.baseUrl}: ${result.remaining} item(s) remain in ${result.ledger}; run it again\n`,
  );
  process.exitCode = result.remaining === 0 ? 0 : 1;
}

/** `tasks-contract verify`: checks a real or mocked server against the contract. */
export function registerVerifyCommand(program: Command): void {
  const command = withSpecOption(
    program
      .command('verify')
      .description('check that a server (or, without --base-url, the embedded mock) honours the contract')
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
      .option('--strict', 'a field the contract does not know is an error (default: a warning, a newer release?)')
      .option(
        '--exhaustive',
        'read every resource by GET and POST in f=json and f=pjson (default: each once, and a seeded sample four ways)',
      )
      .option(
        '--seed <n>',
        'seed of the sample read four ways and of the write cases (the same seed on the same site does the same again)',
        integerOption('--seed', 0, 2 ** 32 - 1),
        DEFAULT_SAMPLE.seed,
      )
      .option(
        '--sample <n>',
        'resources per endpoint read four ways (f=json and f=pjson, GET and POST)',
        integerOption('--sample', 1, 10_000),
        DEFAULT_SAMPLE.size,
      )
      .option('--max-rps <n>', 'at most n requests per second, whatever the concurrency (default: no cap)', rateOption)
      .option(
        '--release <version>',
        `judge as this release (${RELEASE_CHOICES}; default the site's currentVersion)`,
        releaseOption,
      )
      .option(
        '--write-cases <n>',
        `with --allow-writes: at most N write cases, to refuse and to accept (default ${DEFAULT_WRITE_CASES})`,
        integerOption('--write-cases', 0, 10_000),
      )
      .option(
        '--cleanup <ledger>',
        'delete what an interrupted --allow-writes run left, as its ledger file lists, then stop',
      ),
  );
  withSiteOptions(command, {
    baseUrl: 'the admin root, e.g. https://host/arcgis/admin (default: start the embedded mock and verify it)',
    defaultTimeoutSeconds: DEFAULTS.timeoutMs / 1000,
  });
  command.action(async (options: VerifyCommandOptions) => {
    keepHeapFlat();
    tierUpSooner();
    const contract = await loadContract(options.spec, refRootsOf(options));
    if (options.cleanup) return cleanupCommand(contract, options);
    const site = await openSite(contract, options, {
      command: 'verify',
      allowWrites: options.allowWrites ?? false,
      embeddedMock: true,
    });
    if (site === undefined) return;
    const { baseUrl, token, credentials, referer, mock } = site;
    try {
      const progress = new ProgressLine('verify', 'tasks');
      const outcome = await verify({
        contract,
        baseUrl,
        token,
        // masked by position and value; in free text only when long enough (a password "admin" leaves URLs alone)
        secrets: [credentials.password, credentials.token].filter((s): s is string => Boolean(s)),
        strict: options.strict ?? false,
        timeoutMs: options.timeout * 1000,
        concurrency: options.concurrency,
        shard: options.shard ?? WHOLE,
        allowWrites: options.allowWrites ?? false,
        insecure: options.insecure ?? false,
        referer,
        embeddedMock: mock !== undefined,
        ...(options.checks ? { checks: options.checks } : {}),
        sample: { exhaustive: options.exhaustive ?? false, seed: options.seed, size: options.sample },
        ...(options.maxRps !== undefined ? { maxRps: options.maxRps } : {}),
        ...(options.release ? { release: options.release } : {}),
        ...(options.allowWrites ? { writeCases: options.writeCases ?? DEFAULT_WRITE_CASES, seed: options.seed } : {}),
        // the progress line shows on a terminal only: elsewhere, build no text per request
        onProgress: (p) =>
          process.stderr.isTTY &&
          progress.update({
            done: p.tasksDone,
            total: p.tasks,
            detail: `${p.done.toLocaleString('en-US')} requests, ${p.findings} findings`,
          }),
      });
      progress.finish();
      process.stdout.write(consoleReport(outcome));
      process.exitCode = await emitReports(
        options.report ?? [],
        (target) => renderVerifyReport(outcome, target.format),
        outcome.meta.writes?.interrupted ? 130 : exitCodeOf(outcome),
      );
    } finally {
      await site.close();
    }
  });
}
