import { terminalText } from '../input/index.js';
import type { Classification, SpecChange } from '../spec-change/diff/change.js';
import type { ChangeCounts, DiffOutcome } from '../spec-change/diff/outcome.js';
import type { GateOutcome } from '../spec-change/gate/outcome.js';
import {
  CLASSIFICATION_LABEL,
  operationList,
  releaseColumn,
  rowsByConcern,
  STATUS_LABEL,
  verdictCells,
} from './spec-change-text.js';

const CLASSES: readonly Classification[] = ['breaking-for-clients', 'breaking-for-servers', 'compatible'];

function changeLines(changes: readonly SpecChange[], includeInfo: boolean): string[] {
  const lines: string[] = [];
  for (const classification of CLASSES) {
    const group = changes.filter((c) => c.classification === classification && (includeInfo || c.severity !== 'info'));
    if (group.length === 0) continue;
    lines.push(`${CLASSIFICATION_LABEL[classification]} (${group.length})`);
    for (const c of group) {
      lines.push(`  ${c.severity.padEnd(7)} ${c.rule}  ${c.location}: ${c.message}`);
      lines.push(`          ${operationList(c)}${c.example ? `; e.g. ${c.example}` : ''}`);
    }
  }
  return lines;
}

function countLine({ classification, severity }: ChangeCounts): string {
  const total =
    classification['breaking-for-clients'] + classification['breaking-for-servers'] + classification.compatible;
  return `${total} change(s): ${classification['breaking-for-clients']} breaking for clients, ${classification['breaking-for-servers']} breaking for servers, ${classification.compatible} compatible (${severity.error} error, ${severity.warning} warning, ${severity.info} info)`;
}

/** The console report of `spec diff`: changes grouped by whom they break, then the counts and the verdict. */
export function diffConsoleReport(outcome: DiffOutcome): string {
  const lines = [
    `spec diff ${outcome.old.label} (${outcome.old.version}) -> ${outcome.new.label} (${outcome.new.version})`,
  ];
  if (outcome.config) lines.push(`severities from ${outcome.config}`);
  lines.push('', ...changeLines(outcome.changes, true));
  if (outcome.changes.length > 0) lines.push('');
  lines.push(countLine(outcome.counts));
  lines.push(`--fail-on ${outcome.failOn}: ${outcome.failed ? 'FAIL' : 'pass'}`);
  return terminalText(`${lines.join('\n')}\n`);
}

/** The console report of `spec gate`: the breaking changes, the verdict table, what was not there, the verdict. */
export function gateConsoleReport(outcome: GateOutcome): string {
  const lines = [
    `spec gate ${outcome.old.label} (${outcome.old.version}) -> ${outcome.new.label} (${outcome.new.version})${outcome.release ? ` as of release ${outcome.release}` : ''}`,
    '',
  ];
  const shown = changeLines(outcome.changes, false);
  lines.push(...(shown.length > 0 ? shown : ['no breaking changes']), countLine(outcome.counts.changes), '');
  const rows = rowsByConcern(outcome.rows).filter((r) => r.status !== 'compatible' && r.status !== 'added');
  const width = Math.min(60, Math.max(20, ...rows.map((r) => r.name.length)));
  const release = releaseColumn(rows);
  if (rows.length > 0) {
    lines.push(
      `${'kind'.padEnd(9)} ${'consumer or artifact'.padEnd(width)}  ${release ? `${'release'.padEnd(7)}  ` : ''}OLD  NEW  verdict / first reason`,
    );
    for (const r of rows) {
      const [old, current] = verdictCells(r);
      lines.push(
        `${r.kind.padEnd(9)} ${r.name.padEnd(width)}  ${release ? `${release(r).padEnd(7)}  ` : ''}${old.padEnd(3)}  ${current.padEnd(3)}  ${STATUS_LABEL[r.status]}`,
      );
      if (r.reason) lines.push(`${' '.repeat(width + (release ? 29 : 20))}${r.reason}`);
    }
    lines.push('');
  }
  for (const [kind, counts] of Object.entries(outcome.counts.kinds)) {
    const entries = Object.entries(counts).filter(([, n]) => n > 0);
    const parts = entries.map(([status, n]) => `${n} ${STATUS_LABEL[status as keyof typeof STATUS_LABEL]}`);
    lines.push(`${kind.padEnd(9)} ${entries.reduce((sum, [, n]) => sum + n, 0)} checked: ${parts.join(', ')}`);
  }
  for (const note of outcome.notes) lines.push(`note: ${note}`);
  const failing = outcome.counts.failing;
  lines.push(
    '',
    outcome.failed
      ? `FAIL: ${failing} consumer(s) or artifact(s) compatible with OLD are not with NEW${outcome.failOn && failing === 0 ? ` (changes at --fail-on ${outcome.failOn})` : ''}`
      : 'pass: everything compatible with OLD is compatible with NEW',
    `checked ${outcome.rows.length} consumer(s) and artifact(s) in ${outcome.millis} ms`,
  );
  return terminalText(`${lines.join('\n')}\n`);
}
