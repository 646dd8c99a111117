import { terminalText } from '../input/index.js';
import type { VerifyOutcome } from '../verify/outcome.js';
import { requestLoad, samplePlan } from './request-load.js';
import { brief, countFindings } from './summary.js';

/** How many findings the console prints in full; the rest are counted (the JSON report has them all). */
const MAX_PRINTED = 50;

/** The site's version (from the admin root) and how unknown fields count. */
function siteLine(meta: VerifyOutcome['meta']): string {
  const version = meta.siteVersion
    ? `site version ${meta.siteVersion}${meta.siteFullVersion ? ` (${meta.siteFullVersion})` : ''}`
    : 'site version unknown (the admin root did not say)';
  const release = meta.release
    ? `; judged as release ${meta.release.profile} (${meta.release.from === 'option' ? '--release' : "the site's"})${meta.release.warning ? `; warning: ${meta.release.warning}` : ''}`
    : '';
  return `${version}${release}; unknown fields are ${meta.strict ? 'errors (--strict)' : 'warnings'}`;
}

/** What `--allow-writes` cases did, and where their ledger is. */
function writesLine(meta: VerifyOutcome['meta']): string | undefined {
  const writes = meta.writes;
  if (!writes) return undefined;
  const ledger = writes.ledgerRemoved
    ? 'everything created was deleted'
    : `LEDGER LEFT: ${writes.ledger} (finish with verify --cleanup)`;
  return `write cases (--seed ${writes.seed}): ${writes.negative} to refuse, ${writes.positive} to accept, chain ${writes.chain ? 'run' : 'not run'}${writes.interrupted ? ', INTERRUPTED' : ''}; ${ledger}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column >= 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * The console report: what was verified, a table endpoint x check with pass and fail counts,
 * then each finding with the curl command that reproduces it, then the tool's own errors.
 */
export function consoleReport(outcome: VerifyOutcome): string {
  const { meta, findings, errors, tally } = outcome;
  const lines: string[] = [];
  const mode = meta.allowWrites ? 'with writes' : 'read-only';
  lines.push(`tasks-contract verify ${meta.baseUrl}${meta.embeddedMock ? ' (embedded mock)' : ''}`);
  lines.push(siteLine(meta));
  const writes = writesLine(meta);
  if (writes) lines.push(writes);
  lines.push(
    `${meta.tasks} tasks, ${meta.runs} runs, ${meta.requests} requests (${meta.answered} answered) in ${(meta.durationMs / 1000).toFixed(1)} s; ` +
      `${meta.mergedFrom ? `merged from ${meta.mergedFrom.length} shards` : `shard ${meta.shard.index}/${meta.shard.count}`}; ${mode}`,
  );
  lines.push(`load: ${requestLoad(meta)}`, `plan: ${samplePlan(meta)}`);
  lines.push('');
  const rows = [['endpoint', 'check', 'pass', 'fail', 'warn']];
  for (const row of tally)
    rows.push([row.endpoint, row.check, String(row.passed), String(row.failed), String(row.warned)]);
  lines.push(table(rows));

  const counts = countFindings(findings, errors);
  if (findings.length > 0) {
    lines.push('', `Findings (${findings.length}):`);
    for (const finding of findings.slice(0, MAX_PRINTED)) {
      lines.push(
        `${finding.severity.toUpperCase()} [${finding.check}] ${finding.endpoint}${finding.pointer ? ` at ${finding.pointer}` : ''}`,
      );
      lines.push(`  ${finding.message}`);
      lines.push(`  expected ${brief(finding.expected)}, got ${brief(finding.actual)}`);
      lines.push(`  ${finding.curl}`);
    }
    if (findings.length > MAX_PRINTED)
      lines.push(`... and ${findings.length - MAX_PRINTED} more (write them all with --report json:FILE)`);
  }
  if (errors.length > 0) {
    lines.push('', `Errors of the tool or the spec (${errors.length}), not of the server:`);
    for (const error of errors) lines.push(`  [${error.check}] ${error.endpoint}: ${error.message}`);
  }
  lines.push('');
  if (outcome.unreachable) {
    lines.push(`Unreachable: nothing answered at ${meta.baseUrl}.`);
  } else {
    lines.push(
      counts.error + counts.security + counts.toolErrors === 0
        ? `Conforms: no findings${counts.warning ? ` (${counts.warning} warnings)` : ''}.`
        : `Does not conform: ${counts.error} errors, ${counts.security} security findings, ${counts.warning} warnings, ${counts.toolErrors} tool errors.`,
    );
  }
  return terminalText(`${lines.join('\n')}\n`);
}
