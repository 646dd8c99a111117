import type { DiffOutcome } from '../spec-change/diff/outcome.js';
import type { GateOutcome } from '../spec-change/gate/outcome.js';
import { junitRoot } from './junit-builder.js';
import { diffMarkdownReport, gateMarkdownReport } from './spec-change-markdown.js';
import { STATUS_LABEL } from './spec-change-text.js';
import type { ReportFormat } from './targets.js';

/** What `spec diff` or `spec gate` found. */
export type EvolutionOutcome = DiffOutcome | GateOutcome;

/** JSON: the whole outcome, versioned. */
function evolutionJsonReport(outcome: EvolutionOutcome): string {
  return `${JSON.stringify({ tool: 'tasks-contract', reportVersion: 1, command: `spec ${outcome.kind}`, ...outcome }, null, 2)}\n`;
}

/**
 * JUnit XML. Diff: a suite per classification, a case per change, failing at the `--fail-on` level.
 * Gate: a suite per artifact kind, a case per consumer or artifact, failing when it regressed;
 * artifacts incompatible before and after are skipped (the change did not cause them).
 */
function evolutionJunitReport(outcome: EvolutionOutcome): string {
  const builder = junitRoot().newBuilder().name(`tasks-contract spec ${outcome.kind}`);
  if (outcome.kind === 'diff') {
    for (const classification of ['breaking-for-clients', 'breaking-for-servers', 'compatible'] as const) {
      const suite = builder.testSuite().name(classification);
      for (const c of outcome.changes.filter((change) => change.classification === classification)) {
        const testCase = suite.testCase().className(c.rule).name(`${c.location}: ${c.message}`);
        if (c.fails)
          testCase
            .failure(`${c.severity}: ${c.message}`, c.rule)
            .stacktrace(`operations: ${c.operations.join(', ')}\nexample: ${c.example ?? ''}`);
        else testCase.standardOutput(`${c.severity}: ${c.message} (${c.operations.join(', ')})`);
      }
    }
    return builder.build();
  }
  const suites = new Map<string, ReturnType<typeof builder.testSuite>>();
  for (const row of outcome.rows) {
    let suite = suites.get(row.kind);
    if (!suite) {
      suite = builder.testSuite().name(row.kind);
      suites.set(row.kind, suite);
    }
    const testCase = suite.testCase().className(row.kind).name(row.name);
    if (row.fails)
      testCase
        .failure(`${STATUS_LABEL[row.status]}: ${row.reason ?? ''}`, row.status)
        .stacktrace(row.new.reasons.join('\n'));
    else if (row.status === 'still-incompatible')
      testCase.skipped().standardOutput(`incompatible before and after: ${row.reason ?? ''}`);
    else if (row.status === 'fixed') testCase.standardOutput(`fixed by NEW (was: ${row.reason ?? ''})`);
  }
  return builder.build();
}

/** Renders a diff or gate outcome in a report format. */
export function renderEvolutionReport(outcome: EvolutionOutcome, format: ReportFormat): string {
  if (format === 'junit') return evolutionJunitReport(outcome);
  if (format === 'markdown') return outcome.kind === 'diff' ? diffMarkdownReport(outcome) : gateMarkdownReport(outcome);
  return evolutionJsonReport(outcome);
}
