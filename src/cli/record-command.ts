import type { Command } from 'commander';
import { loadContract } from '../contract/load.js';
import { FixtureDirectoryError, problemLine } from '../fixtures/index.js';
import { terminalText } from '../input/index.js';
import { PLACEHOLDER_DEPLOYMENT, RecordError, type RecordOutcome, record } from '../record/index.js';
import type { CredentialOptions } from './credentials.js';
import { ENV, idKeyFrom } from './environment.js';
import { integerOption } from './parse-options.js';
import { ProgressLine } from './progress.js';
import { openSite, withSiteOptions } from './site.js';
import { refRootsOf, withSpecOption } from './spec-options.js';
import { EXIT, UsageError } from './usage-error.js';

interface RecordCommandOptions extends CredentialOptions {
  spec: string;
  baseUrl: string;
  out: string;
  keepIds?: boolean;
  concurrency: number;
}

/** The environment variable that keys the pseudonyms of ownerId and orgId. */
export const ID_KEY_ENV = ENV.idKey;

/** What `record` prints: what was recorded, how it was redacted, and each document that breaks the contract. */
export function recordSummary(outcome: RecordOutcome, baseUrl: string, keepIds: boolean): string {
  const lines = [
    `tasks-contract record ${baseUrl} -> ${outcome.dir}`,
    `site version ${outcome.siteVersion ?? 'unknown'}; ${outcome.tasks} tasks, ${outcome.runs} runs; ${outcome.exchanges} exchanges in traffic.har`,
    `redacted as captured: tokens, cookies, the password, passcodes ({crypt} kept), the host and context (now ${PLACEHOLDER_DEPLOYMENT.origin}/${PLACEHOLDER_DEPLOYMENT.context}), ` +
      (keepIds ? 'ownerId/orgId kept (--keep-ids)' : `${outcome.pseudonymized} ownerId/orgId values pseudonymized`),
  ];
  if (outcome.leakedPasscodes > 0)
    lines.push(
      `the site answered ${outcome.leakedPasscodes} plaintext passcode(s): masked in the recording, a leak to fix on the site`,
    );
  if (outcome.secretsInDocuments > 0)
    lines.push(
      `the site's documents held secrets ${outcome.secretsInDocuments} time(s) (a token, password, cookie or passcode): masked, a leak to fix on the site`,
    );
  for (const line of outcome.unread) lines.push(`could not read ${line}`);
  if (outcome.problems.length > 0) {
    lines.push(
      `${outcome.problems.length} place(s) break the contract (the mock serves this recording only with --allow-invalid-fixtures; tasks-contract drift ${outcome.dir} explains):`,
    );
    for (const problem of outcome.problems) lines.push(`  ${problemLine(problem)}`);
  } else if (outcome.secretsInDocuments === 0) {
    lines.push('every recorded document honours the contract');
  } else {
    lines.push('every recorded document honours the contract once masked; the leaks above still fail the run');
  }
  lines.push(`replay: tasks-contract mock --fixtures ${outcome.dir}`);
  return terminalText(`${lines.join('\n')}\n`);
}

/** Exit 1 when a document breaks the contract, a read failed, or the site leaked a secret into its documents. */
export function recordExitCode(outcome: RecordOutcome): number {
  const failed = outcome.problems.length > 0 || outcome.unread.length > 0 || outcome.secretsInDocuments > 0;
  return failed ? EXIT.findings : EXIT.ok;
}

/** `tasks-contract record`: a real site's tasks and runs as a redacted fixture directory, and its traffic as HAR. */
export function registerRecordCommand(program: Command): void {
  const command = withSpecOption(
    program
      .command('record')
      .description(
        "record a site's tasks and runs (read-only) as a fixture directory the mock serves, redacted, with traffic.har",
      )
      .requiredOption(
        '--out <dir>',
        'the fixture directory to write (tasks.json, tasks/, runs/, meta.json, traffic.har)',
      )
      .option('--keep-ids', `keep ownerId and orgId (default: consistent pseudonyms, keyed by ${ID_KEY_ENV} when set)`)
      .option('--concurrency <n>', 'requests in flight at once', integerOption('--concurrency', 1, 64), 4),
  );
  withSiteOptions(command, {
    baseUrl: 'the admin root, e.g. https://host/arcgis/admin',
    required: true,
    defaultTimeoutSeconds: 10,
  }).action(async (options: RecordCommandOptions) => {
    const contract = await loadContract(options.spec, refRootsOf(options));
    const site = await openSite(contract, options, { command: 'record' });
    if (site === undefined) return;
    const { baseUrl, token, credentials } = site;
    const idKey = idKeyFrom(process.env);
    let outcome: RecordOutcome;
    const progress = new ProgressLine('record', 'reads');
    try {
      outcome = await record({
        contract,
        baseUrl,
        token,
        outDir: options.out,
        secrets: [credentials.password],
        keepIds: options.keepIds ?? false,
        ...(idKey ? { idKey } : {}),
        timeoutMs: options.timeout * 1000,
        concurrency: options.concurrency,
        insecure: options.insecure ?? false,
        referer: new URL(baseUrl).origin,
        onProgress: (p) => progress.update(p),
      });
    } catch (error) {
      if (error instanceof FixtureDirectoryError) throw new UsageError(error.message);
      if (!(error instanceof RecordError)) throw error;
      process.stderr.write(`tasks-contract: ${error.message}\n`);
      process.exitCode = error.unreachable ? EXIT.unreachable : EXIT.findings;
      return;
    } finally {
      progress.finish();
    }
    process.stdout.write(recordSummary(outcome, baseUrl, options.keepIds ?? false));
    process.exitCode = recordExitCode(outcome);
  });
}
