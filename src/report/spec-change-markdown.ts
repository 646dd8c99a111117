import type { SpecChange } from '../spec-change/diff/change.js';
import type { ChangeCounts, DiffOutcome } from '../spec-change/diff/outcome.js';
import type { GateOutcome, GateRow } from '../spec-change/gate/outcome.js';
import {
  CLASSIFICATION_LABEL,
  operationList,
  releaseColumn,
  rowsByConcern,
  STATUS_LABEL,
  verdictCells,
} from './spec-change-text.js';

/** A pull-request comment stays readable: longer tables end with "and N more" (the JSON report has them all). */
const MAX_ROWS = 50;

function cell(text: string | undefined): string {
  return (text ?? '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/`/g, "'");
}

function changeTable(changes: readonly SpecChange[]): string[] {
  if (changes.length === 0) return ['No changes between the two versions.'];
  const lines = ['| severity | whom it breaks | rule | where | change | operations |', '|---|---|---|---|---|---|'];
  for (const c of changes.slice(0, MAX_ROWS))
    lines.push(
      `| ${c.severity} | ${CLASSIFICATION_LABEL[c.classification]} | \`${c.rule}\` | \`${cell(c.location)}\` | ${cell(c.message)} | ${cell(operationList(c))} |`,
    );
  if (changes.length > MAX_ROWS) lines.push('', `and ${changes.length - MAX_ROWS} more changes (see the JSON report).`);
  return lines;
}

function countsLine({ classification }: ChangeCounts): string {
  return `${classification['breaking-for-clients']} breaking for clients, ${classification['breaking-for-servers']} breaking for servers, ${classification.compatible} compatible`;
}

/** `spec diff` as markdown for a pull-request comment. */
export function diffMarkdownReport(outcome: DiffOutcome): string {
  const breaking = outcome.changes.filter((c) => c.classification !== 'compatible').length;
  return [
    `### ${outcome.failed ? '❌' : '✅'} Spec diff: ${breaking} breaking change(s)`,
    '',
    `\`${cell(outcome.old.label)}\` (${cell(outcome.old.version)}) → \`${cell(outcome.new.label)}\` (${cell(outcome.new.version)}): ${countsLine(outcome.counts)}; \`--fail-on ${outcome.failOn}\`.`,
    '',
    ...changeTable(outcome.changes),
    '',
  ].join('\n');
}

function verdictTable(rows: readonly GateRow[]): string[] {
  const release = releaseColumn(rows);
  const lines = [
    `| consumer or artifact | kind |${release ? ' release |' : ''} OLD | NEW | verdict | first reason |`,
    `|---|---|${release ? '---|' : ''}---|---|---|---|`,
  ];
  for (const r of rows.slice(0, MAX_ROWS)) {
    const [old, current] = verdictCells(r);
    lines.push(
      `| ${cell(r.name)} | ${r.kind} |${release ? ` ${release(r)} |` : ''} ${old} | ${current} | ${STATUS_LABEL[r.status]} | ${cell(r.reason)} |`,
    );
  }
  if (rows.length > MAX_ROWS) lines.push('', `and ${rows.length - MAX_ROWS} more rows (see the JSON report).`);
  return lines;
}

/** `spec gate` as markdown for a pull-request comment: the verdict first, then what breaks, then the changes. */
export function gateMarkdownReport(outcome: GateOutcome): string {
  const failing = outcome.counts.failing;
  const notable = rowsByConcern(outcome.rows).filter((r) => r.status !== 'compatible' && r.status !== 'added');
  const title = outcome.failed
    ? failing > 0
      ? `❌ Spec gate: this change breaks ${failing} consumer(s) or artifact(s)`
      : `❌ Spec gate: changes at \`--fail-on ${outcome.failOn}\``
    : '✅ Spec gate: everything compatible with the old contract still is';
  const summary = ['| kind | checked | compatible | regressed | other |', '|---|---|---|---|---|'];
  for (const [kind, counts] of Object.entries(outcome.counts.kinds)) {
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    summary.push(
      `| ${kind} | ${total} | ${counts.compatible + counts.added} | ${counts.regressed + counts['added-incompatible']} | ${counts.fixed + counts['still-incompatible']} |`,
    );
  }
  const breaking = outcome.changes.filter((c) => c.severity !== 'info');
  return [
    `### ${title}`,
    '',
    `\`${cell(outcome.old.label)}\` (${cell(outcome.old.version)}) → \`${cell(outcome.new.label)}\` (${cell(outcome.new.version)}); ${outcome.rows.length} consumers and artifacts checked under both${outcome.release ? `, as of release ${outcome.release}` : ''}.`,
    '',
    ...(notable.length > 0 ? verdictTable(notable) : ['Every consumer and artifact keeps its verdict.']),
    '',
    ...summary,
    ...(outcome.notes.length > 0 ? ['', ...outcome.notes.map((n) => `- ${cell(n)}`)] : []),
    '',
    `<details><summary>Changes: ${countsLine(outcome.counts.changes)}</summary>`,
    '',
    ...changeTable(breaking.length > 0 ? breaking : outcome.changes),
    '',
    '</details>',
    '',
  ].join('\n');
}
