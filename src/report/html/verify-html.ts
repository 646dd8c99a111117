import { isAbsolute, relative } from 'node:path';
import type { Finding, ToolError } from '../../verify/finding.js';
import type { RunMetadata, VerifyOutcome } from '../../verify/outcome.js';
import type { TallyRow } from '../../verify/tally.js';
import { requestLoad, samplePlan } from '../request-load.js';
import { countFindings, type FindingCounts } from '../summary.js';
import { html, type Markup } from './escape.js';
import { htmlPage } from './page.js';
import { badge, curlBlock, distinct, facts, filterBar, time } from './parts.js';
import { expectedVsActual } from './value-diff.js';

const SEVERITY_ORDER = ['security', 'error', 'warning'];

/** Fields other parts of a run may add to its metadata; read defensively, shown when present. */
interface OptionalMeta {
  readonly siteVersion?: unknown;
  readonly currentVersion?: unknown;
  readonly specDigest?: unknown;
  readonly mergedFrom?: unknown;
}

/** The site's version (ArcGIS Enterprise `currentVersion`) when the run learnt it. */
function siteVersionOf(meta: RunMetadata): string | undefined {
  const extra = meta as RunMetadata & OptionalMeta;
  const version = extra.siteVersion ?? extra.currentVersion;
  return typeof version === 'string' || typeof version === 'number' ? String(version) : undefined;
}

function verdictOf(outcome: VerifyOutcome, counts: FindingCounts): { tone: string; text: string } {
  if (outcome.unreachable) return { tone: 'fail', text: `✗ Unreachable: nothing answered at ${outcome.meta.baseUrl}.` };
  if (counts.error + counts.security + counts.toolErrors === 0)
    return {
      tone: 'pass',
      text: `✓ Conforms: no findings${counts.warning ? ` (${counts.warning} warnings, which do not fail the run)` : ''}.`,
    };
  return {
    tone: 'fail',
    text: `✗ Does not conform: ${counts.error} errors, ${counts.security} security findings, ${counts.warning} warnings, ${counts.toolErrors} tool errors.`,
  };
}

function header(outcome: VerifyOutcome, counts: FindingCounts): Markup {
  const { meta } = outcome;
  const extra = meta as RunMetadata & OptionalMeta;
  const merged = Array.isArray(extra.mergedFrom) ? extra.mergedFrom.length : 0;
  const verdict = verdictOf(outcome, counts);
  const digest = typeof extra.specDigest === 'string' ? extra.specDigest : undefined;
  return html`<header>
<h1>tasks-contract verify</h1>
<p>Does the server honour the ArcGIS Enterprise <code>system/tasks</code> contract?</p>
${facts([
  ['Target', html`<span class="mono">${meta.baseUrl}</span>${meta.embeddedMock ? ' (the embedded mock)' : ''}`],
  ['Site version', siteVersionOf(meta)],
  [
    'Judged as release',
    meta.release ? `${meta.release.profile}${meta.release.warning ? ` (${meta.release.warning})` : ''}` : undefined,
  ],
  ['Spec', html`<span class="mono">${displayPath(meta.spec)}</span>`],
  ['Spec digest', digest ? html`<span class="mono">${digest}</span>` : undefined],
  ['Started', time(meta.startedAt)],
  ['Duration', `${(meta.durationMs / 1000).toFixed(1)} s`],
  [
    'Scope',
    `${meta.tasks} tasks, ${meta.runs} runs, ${meta.requests} requests (${meta.answered} answered); ${
      merged > 0 ? `merged from ${merged} shards` : `shard ${meta.shard.index}/${meta.shard.count}`
    }; ${meta.allowWrites ? 'with writes' : 'read-only'}`,
  ],
  ['Load', requestLoad(meta)],
  ['Plan', samplePlan(meta)],
])}
<p class="verdict ${verdict.tone}" id="verdict">${verdict.text}</p>
<ul class="counts" aria-label="Findings by severity">
<li class="error"><strong data-count="error">${counts.error}</strong> errors</li>
<li class="security"><strong data-count="security">${counts.security}</strong> security</li>
<li class="warning"><strong data-count="warning">${counts.warning}</strong> warnings</li>
<li><strong data-count="toolErrors">${counts.toolErrors}</strong> tool errors</li>
<li><strong data-count="findings">${outcome.findings.length}</strong> findings in all</li>
</ul>
</header>`;
}

/** A count with its symbol; the word is there for screen readers and in the caption for everyone. */
function count(symbol: string, word: string, value: number): Markup {
  return html`<span class="count"><span aria-hidden="true">${symbol}</span> ${value}<span class="sr-only"> ${word}</span></span>`;
}

function cell(row: TallyRow | undefined, hasFindings: boolean, toolErrors: number): Markup {
  if (!row && toolErrors === 0)
    return html`<td class="none"><span aria-hidden="true">–</span><span class="sr-only">not run</span></td>`;
  const passed = row?.passed ?? 0;
  const failed = row?.failed ?? 0;
  const warned = row?.warned ?? 0;
  const tone = failed > 0 || toolErrors > 0 ? 'fail' : warned > 0 ? 'warn' : 'pass';
  const text = html`${failed > 0 && count('✗', 'failed', failed)}${warned > 0 && count('⚠', 'warned', warned)}${
    (passed > 0 || failed + warned + toolErrors === 0) && count('✓', 'passed', passed)
  }${toolErrors > 0 && count('!', toolErrors > 1 ? 'tool errors' : 'tool error', toolErrors)}`;
  const content =
    hasFindings && row
      ? html`<button type="button" data-show-endpoint="${row.endpoint}" data-show-check="${row.check}" title="List these findings">${text}</button>`
      : text;
  return html`<td class="${tone}" data-endpoint="${row?.endpoint ?? ''}" data-check="${row?.check ?? ''}" data-passed="${passed}" data-failed="${failed}" data-warned="${warned}">${content}</td>`;
}

function matrix(outcome: VerifyOutcome): Markup {
  const key = (endpoint: string, check: string) => `${endpoint}\u0000${check}`;
  const rows = new Map(outcome.tally.map((row) => [key(row.endpoint, row.check), row]));
  const withFindings = new Set(outcome.findings.map((f) => key(f.endpoint, f.check)));
  const errorsAt = new Map<string, number>();
  for (const error of outcome.errors) {
    errorsAt.set(key(error.endpoint, error.check), (errorsAt.get(key(error.endpoint, error.check)) ?? 0) + 1);
  }
  const endpoints = distinctInOrder([
    ...outcome.tally.map((r) => r.endpoint),
    ...outcome.errors.map((e) => e.endpoint),
  ]);
  const used = new Set([...outcome.tally.map((r) => r.check), ...outcome.errors.map((e) => e.check)]);
  const checks = [
    ...outcome.meta.checks.filter((check) => used.has(check)),
    ...[...used].filter((c) => !outcome.meta.checks.includes(c)),
  ];
  if (endpoints.length === 0) return html`<p>No check ran: nothing answered.</p>`;
  return html`<div class="scroll" tabindex="0" role="region" aria-labelledby="matrix-heading">
<table class="matrix">
<caption>How often each check failed (✗), warned (⚠) or passed (✓) on each endpoint; ! counts errors of the tool. A cell with findings is a button that lists them.</caption>
<thead><tr><th scope="col">Endpoint</th>${checks.map((check) => html`<th scope="col">${check}</th>`)}</tr></thead>
<tbody>
${endpoints.map(
  (endpoint) =>
    html`<tr><th scope="row">${endpoint}</th>${checks.map((check) =>
      cell(
        rows.get(key(endpoint, check)),
        withFindings.has(key(endpoint, check)),
        errorsAt.get(key(endpoint, check)) ?? 0,
      ),
    )}</tr>\n`,
)}
</tbody>
</table>
</div>`;
}

function findingItem(finding: Finding, index: number): Markup {
  return html`<li data-item data-check="${finding.check}" data-severity="${finding.severity}" data-endpoint="${finding.endpoint}">
<details>
<summary>${badge(finding.severity)} <span class="mono">${finding.check}</span> <span class="mono">${finding.endpoint}</span>${
    finding.pointer ? html` at <code>${finding.pointer}</code>` : ''
  } <span>${finding.message}</span></summary>
<div class="detail">
${facts([
  ['URL', html`<span class="mono">${finding.url}</span>`],
  ['JSON pointer', html`<code>${finding.pointer || '(the whole answer)'}</code>`],
  ['Check', finding.check],
  ['Message', finding.message],
])}
${expectedVsActual(finding.expected, finding.actual)}
${curlBlock(`curl-${index}`, finding.curl)}
</div>
</details>
</li>\n`;
}

function findingsSection(findings: readonly Finding[]): Markup {
  const sorted = [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.endpoint.localeCompare(b.endpoint) ||
      a.check.localeCompare(b.check),
  );
  const body =
    findings.length === 0
      ? html`<p>No findings: every answer kept every rule that was checked.</p>`
      : html`${filterBar(
          [
            { key: 'check', label: 'Check', values: distinct(findings.map((f) => f.check)) },
            {
              key: 'severity',
              label: 'Severity',
              values: SEVERITY_ORDER.filter((s) => findings.some((f) => f.severity === s)),
            },
            { key: 'endpoint', label: 'Endpoint', values: distinct(findings.map((f) => f.endpoint)) },
          ],
          findings.length,
        )}
<p id="copy-status" class="sr-only" role="status" aria-live="polite"></p>
<ul class="items" id="finding-list">
${sorted.map(findingItem)}
</ul>`;
  return html`<section aria-labelledby="findings">
<h2 id="findings" tabindex="-1">Findings (${findings.length})</h2>
${body}
</section>`;
}

function toolErrorsSection(errors: readonly ToolError[]): Markup | undefined {
  if (errors.length === 0) return undefined;
  return html`<section aria-labelledby="tool-errors">
<h2 id="tool-errors">Errors of the tool or the spec (${errors.length}), not of the server</h2>
<ul>${errors.map((e) => html`<li><span class="mono">${e.check}</span> on <span class="mono">${e.endpoint}</span>: ${e.message}</li>`)}</ul>
</section>`;
}

/** A path relative to the working folder when it is inside it (as the user named it), else as it is. */
function displayPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

function distinctInOrder(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * The HTML report of a verify run: one self-contained page (no network, opens from `file://`)
 * with what was verified and the verdict, the endpoint x check matrix, and every finding as an
 * expandable entry with its JSON pointer, expected vs actual (a diff for documents) and the curl
 * command that reproduces it, filterable by check, severity and endpoint. The outcome is already
 * redacted; every value in it is escaped.
 *
 * @example writeFileSync('reports/verify.html', verifyHtmlReport(outcome));
 */
export function verifyHtmlReport(outcome: VerifyOutcome): string {
  const counts = countFindings(outcome.findings, outcome.errors);
  const verdict = verdictOf(outcome, counts);
  return htmlPage({
    title: `verify ${outcome.meta.baseUrl}: ${verdict.tone === 'pass' ? 'conforms' : 'does not conform'}`,
    body: html`${header(outcome, counts)}
<main>
<section aria-labelledby="matrix-heading">
<h2 id="matrix-heading">Endpoint × check</h2>
${matrix(outcome)}
</section>
${findingsSection(outcome.findings)}
${toolErrorsSection(outcome.errors)}
</main>
<footer>Written by tasks-contract verify. Tokens, passwords and passcodes are masked; curl commands read the token from <code>$TOKEN</code>. The JSON report holds the same data for machines.</footer>`,
  });
}
