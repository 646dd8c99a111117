import { type Command, InvalidArgumentError } from 'commander';
import { loadContract } from '../contract/load.js';
import { consoleReport } from '../report/console.js';
import { type ReportTarget, renderVerifyReport } from '../report/targets.js';
import { CHECK_NAMES } from '../verify/checks/registry.js';
import { DEFAULTS, verify } from '../verify/engine.js';
import { parseShard, type Shard, WHOLE } from '../verify/shard.js';
import { emitReports } from './emit-reports.js';
import { exitCodeOf } from './exit-code.js';
import { keepHeapFlat } from './heap.js';
import { integerOption, reportOption } from './parse-options.js';
import { ProgressLine } from './progress.js';
import { openSite, withSiteOptions } from './site.js';
import { withSpecOption } from './spec-options.js';

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
}

export { ENV } from './environment.js';
export { exitCodeOf } from './exit-code.js';

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
      .option('--strict', 'a field the contract does not know is an error (default: a warning, a newer release?)'),
  );
  withSiteOptions(command, {
    baseUrl: 'the admin root, e.g. https://host/arcgis/admin (default: start the embedded mock and verify it)',
    defaultTimeoutSeconds: DEFAULTS.timeoutMs / 1000,
  });
  command.action(async (options: VerifyCommandOptions) => {
    keepHeapFlat();
    const contract = await loadContract(options.spec);
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
        onProgress: (p) =>
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
        exitCodeOf(outcome),
      );
    } finally {
      await site.close();
    }
  });
}
