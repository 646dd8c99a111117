export type { PactOutcome, PactVerifyOutcome } from './pact-outcome.js';

import { terminalText } from '../input/index.js';
import { pactHtmlReport } from './html/pact-html.js';
import { junitRoot } from './junit-builder.js';
import type { PactOutcome } from './pact-outcome.js';
import type { ReportFormat } from './targets.js';

const MARK = {
  compatible: 'ok  ',
  incompatible: 'FAIL',
  'not-covered': 'MISS',
  passed: 'ok  ',
  failed: 'FAIL',
  error: 'ERR ',
} as const;

/** Whether a verify outcome fails the run: pending interactions (v4) never do. */
export function pactFailed(outcome: PactOutcome): boolean {
  return outcome.kind === 'check-spec'
    ? outcome.verdicts.some((v) => v.verdict !== 'compatible')
    : outcome.results.some((r) => r.status !== 'passed' && !r.pending);
}

/** The console report: one line per interaction with its reasons, then the compatibility matrix. */
export function pactConsoleReport(outcome: PactOutcome): string {
  const lines: string[] = [];
  if (outcome.kind === 'check-spec') {
    for (const v of outcome.verdicts) {
      lines.push(
        `${MARK[v.verdict]} ${v.consumer}: ${v.interaction}  (${v.request}${v.operationId ? ` -> ${v.operationId}` : ''})`,
      );
      for (const r of v.reasons) lines.push(`       ${r.part}: ${r.message}`);
      for (const w of v.warnings) lines.push(`       warning: ${w.message}`);
    }
    for (const s of outcome.skipped) lines.push(`skip ${s}`);
    lines.push('', `can-i-deploy against spec ${outcome.spec.version} (${outcome.spec.path}):`);
    for (const row of outcome.matrix) {
      lines.push(
        `  ${row.consumer.padEnd(24)} -> ${row.provider.padEnd(24)} ${row.compatible ? 'yes' : 'no '}  (${row.counts.compatible} compatible, ${row.counts.incompatible} incompatible, ${row.counts['not-covered']} not covered)`,
      );
    }
  } else {
    for (const r of outcome.results) {
      lines.push(`${MARK[r.status]} ${r.consumer}: ${r.interaction}  (${r.request})${r.pending ? ' [pending]' : ''}`);
      if (r.error) lines.push(`       ${r.error}`);
      for (const m of r.mismatches) lines.push(`       ${m.message}`);
      for (const w of r.warnings) lines.push(`       warning: ${w}`);
    }
    lines.push(
      '',
      `can-i-deploy against ${outcome.provider.embeddedMock ? 'the embedded mock' : outcome.provider.url}:`,
    );
    for (const row of outcome.matrix) {
      lines.push(
        `  ${row.consumer.padEnd(24)} -> ${row.provider.padEnd(24)} ${row.verified ? 'yes' : 'no '}  (${row.passed} passed, ${row.failed} failed)`,
      );
    }
  }
  return terminalText(`${lines.join('\n')}\n`);
}

/** JSON report: the whole outcome, versioned. */
function pactJsonReport(outcome: PactOutcome): string {
  return `${JSON.stringify({ tool: 'tasks-contract', reportVersion: 1, command: `pact ${outcome.kind}`, failed: pactFailed(outcome), ...outcome }, null, 2)}\n`;
}

/** JUnit XML: a test suite per pact file, a test case per interaction. */
function pactJunitReport(outcome: PactOutcome): string {
  const builder = junitRoot().newBuilder().name(`tasks-contract pact ${outcome.kind}`);
  const suites = new Map<string, ReturnType<typeof builder.testSuite>>();
  const suiteFor = (pact: string, consumer: string) => {
    let suite = suites.get(pact);
    if (!suite) {
      suite = builder.testSuite().name(`${consumer} (${pact})`);
      suites.set(pact, suite);
    }
    return suite;
  };
  if (outcome.kind === 'check-spec') {
    for (const v of outcome.verdicts) {
      const testCase = suiteFor(v.pact, v.consumer)
        .testCase()
        .className(v.consumer)
        .name(`${v.interaction} (${v.request})`);
      if (v.verdict !== 'compatible')
        testCase
          .failure(`${v.verdict}: ${v.reasons[0]?.message ?? ''}`, v.verdict)
          .stacktrace(v.reasons.map((r) => `${r.part}: ${r.message}`).join('\n'));
      if (v.warnings.length > 0) testCase.standardOutput(v.warnings.map((w) => `warning: ${w.message}`).join('\n'));
    }
  } else {
    for (const r of outcome.results) {
      const testCase = suiteFor(r.pact, r.consumer)
        .testCase()
        .className(r.consumer)
        .name(`${r.interaction} (${r.request})`);
      if (r.status === 'error') testCase.error(r.error ?? 'error', 'transport');
      else if (r.status === 'failed' && !r.pending)
        testCase
          .failure(r.mismatches[0]?.message ?? 'failed', 'mismatch')
          .stacktrace(r.mismatches.map((m) => m.message).join('\n'));
      else if (r.status === 'failed') testCase.skipped();
      const notes = [
        ...r.warnings.map((w) => `warning: ${w}`),
        ...(r.pending && r.status === 'failed' ? r.mismatches.map((m) => `pending: ${m.message}`) : []),
      ];
      if (notes.length > 0) testCase.standardOutput(notes.join('\n'));
    }
  }
  return builder.build();
}

/** Renders a pact outcome in a report format. */
export function renderPactReport(outcome: PactOutcome, format: ReportFormat): string {
  if (format === 'html') return pactHtmlReport(outcome, pactFailed(outcome));
  return format === 'junit' ? pactJunitReport(outcome) : pactJsonReport(outcome);
}
