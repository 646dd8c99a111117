import type { Command } from 'commander';
import { loadContract } from '../contract/load.js';
import type { ContractModel } from '../contract/model.js';
import {
  compareRecordings,
  type DriftSource,
  driftReport,
  sourceFromCrawl,
  sourceFromDirectory,
} from '../drift/index.js';
import { FixtureDirectoryError } from '../fixtures/index.js';
import { Transport } from '../http/transport.js';
import { crawlSite, documentOf } from '../record/index.js';
import { Redactor } from '../redaction/index.js';
import { comparisonConsoleReport, driftConsoleReport, driftJsonReport } from '../report/drift-report.js';
import type { ReportTarget } from '../report/targets.js';
import type { CredentialOptions } from './credentials.js';
import { emitReports } from './emit-reports.js';
import { integerOption, reportOption } from './parse-options.js';
import { ProgressLine } from './progress.js';
import { openSite, withSiteOptions } from './site.js';
import { refRootsOf, withSpecOption } from './spec-options.js';
import { EXIT, UsageError } from './usage-error.js';

interface DriftCommandOptions extends CredentialOptions {
  spec: string;
  baseUrl?: string;
  report?: ReportTarget[];
  patch?: string;
  concurrency: number;
}

async function fromDirectory(dir: string): Promise<DriftSource> {
  try {
    return await sourceFromDirectory(dir);
  } catch (error) {
    if (error instanceof FixtureDirectoryError) throw new UsageError(error.message);
    throw error;
  }
}

/** A live site read as record reads it (GET f=json only), kept in memory. Undefined: it did not answer (exit code set). */
async function fromSite(
  contract: ContractModel,
  options: DriftCommandOptions,
  redactor: Redactor,
): Promise<DriftSource | undefined> {
  const site = await openSite(contract, options, { command: 'drift' });
  if (site === undefined) return undefined;
  const { api, baseUrl, token, credentials } = site;
  redactor.add(token);
  redactor.add(credentials.password);
  const transport = new Transport({
    timeoutMs: options.timeout * 1000,
    maxSockets: options.concurrency,
    token,
    tokenParameter: api.contract.tokens.parameter,
    insecure: options.insecure ?? false,
    referer: new URL(baseUrl).origin,
  });
  try {
    const progress = new ProgressLine('drift', 'reads');
    const crawl = await crawlSite(transport, api, {
      concurrency: options.concurrency,
      onProgress: (p) => progress.update(p),
    }).finally(() => progress.finish());
    if (documentOf(crawl.list) === undefined) {
      const why = crawl.list.fault?.message ?? `HTTP ${crawl.list.response?.status}, not a task list`;
      process.stderr.write(redactor.redactText(`tasks-contract: cannot read the task list at ${baseUrl}: ${why}\n`));
      process.exitCode = transport.answered === 0 ? EXIT.unreachable : EXIT.findings;
      return undefined;
    }
    return sourceFromCrawl(api.contract, baseUrl, crawl);
  } finally {
    transport.close();
  }
}

/** `tasks-contract drift DIR | --base-url URL | OLD_DIR NEW_DIR`: real traffic against the contract, or two recordings. */
export function registerDriftCommand(program: Command): void {
  const command = withSpecOption(
    program
      .command('drift')
      .description(
        'compare real traffic (a recording DIR, or a live site with --base-url) with the contract and propose the change; or what changed between two recordings',
      )
      .argument('[dirs...]', 'a recording (fixture directory), or OLD_DIR NEW_DIR to compare two')
      .option('--report <json:file>', 'also write the report as json:FILE (repeatable)', reportOption)
      .option('--patch <file>', 'write the proposed contract change as JSON Patch (RFC 6902) against the spec')
      .option(
        '--concurrency <n>',
        'requests in flight at once, with --base-url',
        integerOption('--concurrency', 1, 64),
        4,
      ),
  );
  withSiteOptions(command, {
    baseUrl: 'read a live site instead (read-only), e.g. https://host/arcgis/admin',
    defaultTimeoutSeconds: 10,
  }).action(async (dirs: string[], options: DriftCommandOptions) => {
    if (dirs.length > 2) throw new UsageError('drift takes one recording, or two to compare (OLD_DIR NEW_DIR)');
    if (dirs.length > 0 && options.baseUrl) throw new UsageError('give a recording or --base-url, not both');
    if (dirs.length === 0 && !options.baseUrl)
      throw new UsageError('give a recording (DIR), two to compare, or --base-url URL');
    if ((options.report ?? []).some((target) => target.format !== 'json'))
      throw new UsageError('drift writes json reports only: --report json:FILE');
    if (options.patch && dirs.length === 2) throw new UsageError('--patch goes with one source, not with a comparison');
    const contract = await loadContract(options.spec, refRootsOf(options));
    const redactor = new Redactor([], options.baseUrl ? { keep: [options.baseUrl] } : {});
    if (dirs.length === 2) {
      const diff = compareRecordings(contract, await fromDirectory(dirs[0]!), await fromDirectory(dirs[1]!));
      process.stdout.write(comparisonConsoleReport(diff));
      process.exitCode = await emitReports(
        options.report ?? [],
        () => driftJsonReport(diff),
        diff.changed ? EXIT.findings : EXIT.ok,
      );
      return;
    }
    const source = dirs.length === 1 ? await fromDirectory(dirs[0]!) : await fromSite(contract, options, redactor);
    if (source === undefined) return;
    const report = redactor.redact(await driftReport(contract, source, refRootsOf(options)));
    process.stdout.write(redactor.redactText(driftConsoleReport(report)));
    const patch = options.patch ? [{ format: 'patch', file: options.patch }] : [];
    process.exitCode = await emitReports(
      [...(options.report ?? []), ...patch],
      (target) =>
        target.format === 'patch'
          ? `${JSON.stringify(report.proposal.patch, null, 2)}\n`
          : redactor.redactText(driftJsonReport(report)),
      report.drift ? EXIT.findings : EXIT.ok,
    );
  });
}
