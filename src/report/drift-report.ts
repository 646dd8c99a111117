import type { DriftReport, RecordingComparison } from '../drift/index.js';
import { terminalText } from '../input/index.js';
import { brief } from './summary.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const types = (list: readonly string[]) => (list.length > 0 ? `  on ${list.join(', ')}` : '');
const samples = (list: readonly unknown[] | undefined) =>
  list && list.length > 0 ? `  e.g. ${list.map((value) => brief(value, 40)).join(', ')}` : '';

function section(lines: string[], title: string, rows: string[], count = rows.length): void {
  if (rows.length === 0) return;
  lines.push('', `${title} (${count}):`, ...rows.map((row) => `  ${row}`));
}

/**
 * The console report of `tasks-contract drift DIR|--base-url URL`: each way the documents differ from
 * the contract, how each date field is written, the invariants broken, then the proposed contract
 * change as YAML.
 */
export function driftConsoleReport(report: DriftReport): string {
  const { analysis } = report;
  const lines = [
    `tasks-contract drift ${report.source.label} (${report.source.kind}), site version ${report.siteVersion ?? 'unknown'}`,
    `${plural(analysis.documents.tasks, 'task')} and ${plural(analysis.documents.runs, 'run')} compared with ${report.spec}`,
  ];
  section(
    lines,
    'Fields the contract does not know',
    analysis.unknownFields.map(
      (e) => `${e.kind} ${e.path}  ${plural(e.count, 'document')}${types(e.taskTypes)}${samples(e.samples)}`,
    ),
  );
  section(
    lines,
    'Required fields missing',
    analysis.missingRequired.map((e) => `${e.kind} ${e.path}  ${plural(e.count, 'document')}${types(e.taskTypes)}`),
  );
  section(
    lines,
    'Values the contract does not allow',
    analysis.enumValues.map(
      (e) =>
        `${e.kind} ${e.path} = ${brief(e.value, 40)}  ${plural(e.count, 'document')}${types(e.taskTypes)}  allowed: ${brief(e.allowed, 80)}`,
    ),
  );
  section(
    lines,
    'Other types',
    analysis.typeDifferences.map(
      (e) =>
        `${e.kind} ${e.path}  expected ${brief(e.expected, 40)}, seen ${e.seen.join(', ')}  ${plural(e.count, 'document')}${samples(e.samples)}`,
    ),
  );
  section(
    lines,
    'Other rules broken',
    analysis.otherViolations.map(
      (e) => `${e.kind} ${e.path}  ${e.rule}  ${plural(e.count, 'document')}${types(e.taskTypes)}${samples(e.samples)}`,
    ),
  );
  section(
    lines,
    'How each date field is written',
    analysis.dateStyles.map(
      (e) =>
        `${e.kind} ${e.path}  ${Object.entries(e.styles)
          .map(([style, count]) => `${style} ${count}`)
          .join(', ')}`,
    ),
  );
  section(
    lines,
    'Invariants broken',
    analysis.invariants.map((e) => `${e.kind} ${e.invariant}  ${plural(e.count, 'document')}  ${e.pointers.join(' ')}`),
  );
  section(lines, 'Answers that could not be judged', [...(report.unreadable ?? [])]);
  lines.push('');
  if (!report.drift) {
    lines.push('No drift: every document fits the contract.');
    return terminalText(`${lines.join('\n')}\n`);
  }
  const { proposal } = report;
  if (proposal.patch.length > 0) {
    lines.push(
      `Proposed contract change (${plural(proposal.patch.length, 'operation')}; ${
        proposal.covers
          ? 'with it, every document validates'
          : `with it, ${plural(proposal.remaining.length, 'violation')} remain`
      }; --patch FILE writes it as JSON Patch):`,
      '',
      proposal.yaml.trimEnd(),
    );
    for (const line of proposal.remaining.slice(0, 20)) lines.push(`still invalid: ${line}`);
  }
  lines.push('', 'Drift: the documents differ from the contract (see above).');
  return terminalText(`${lines.join('\n')}\n`);
}

/** The console report of `tasks-contract drift OLD_DIR NEW_DIR`. */
export function comparisonConsoleReport(diff: RecordingComparison): string {
  const lines = [
    `tasks-contract drift ${diff.before.label} -> ${diff.after.label}`,
    `site version ${diff.before.siteVersion ?? 'unknown'} -> ${diff.after.siteVersion ?? 'unknown'}`,
  ];
  section(
    lines,
    'Tasks added',
    diff.tasks.added.map((t) => `${t.taskId} ${t.taskType} ${JSON.stringify(t.taskTitle)}`),
  );
  section(
    lines,
    'Tasks removed',
    diff.tasks.removed.map((t) => `${t.taskId} ${t.taskType} ${JSON.stringify(t.taskTitle)}`),
  );
  section(
    lines,
    'Tasks changed',
    diff.tasks.changed.flatMap((t) => [
      `${t.taskId} ${JSON.stringify(t.taskTitle)}`,
      ...t.changes.map((c) => `  ${c.pointer}: ${brief(c.before, 50)} -> ${brief(c.after, 50)}`),
    ]),
    diff.tasks.changed.length,
  );
  lines.push(
    '',
    `${plural(diff.tasks.ranOnly, 'task')} only ran (lastStart, updated or generation moved); runs: ${diff.runs.added} added, ${diff.runs.removed} removed`,
  );
  section(
    lines,
    'New fields the contract does not know',
    diff.contract.newUnknownFields.map((e) => `${e.kind} ${e.path}${types(e.taskTypes)}${samples(e.samples)}`),
  );
  section(
    lines,
    'Fields no longer sent',
    diff.contract.goneUnknownFields.map((e) => `${e.kind} ${e.path}`),
  );
  section(
    lines,
    'New values the contract does not allow',
    diff.contract.newEnumValues.map((e) => `${e.kind} ${e.path} = ${brief(e.value, 40)}`),
  );
  section(
    lines,
    'Date fields written another way',
    diff.contract.dateStyleChanges.map((e) => `${e.kind} ${e.path}  ${brief(e.before)} -> ${brief(e.after)}`),
  );
  lines.push('', diff.changed ? 'Changed: see above.' : 'No change between the two recordings.');
  return terminalText(`${lines.join('\n')}\n`);
}

/** The JSON report of either drift form: the whole report, as one document. */
export function driftJsonReport(report: DriftReport | RecordingComparison): string {
  return `${JSON.stringify({ tool: 'tasks-contract drift', ...report }, null, 2)}\n`;
}
