import type { InteractionVerdict, ReplayResult } from '../../pact/index.js';
import type { PactCheckOutcome, PactOutcome, PactVerifyOutcome } from '../pact-outcome.js';
import { html, type Markup } from './escape.js';
import { htmlPage } from './page.js';
import { badge, distinct, facts, filterBar, time } from './parts.js';
import { expectedVsActual } from './value-diff.js';

/** What the page shows of one interaction, whichever command judged it. */
interface InteractionView {
  readonly consumer: string;
  readonly provider: string;
  readonly pact: string;
  readonly interaction: string;
  readonly request: string;
  readonly operation: string;
  /** A LABEL key: compatible, incompatible, not-covered, passed, failed, error, pending. */
  readonly verdict: string;
  readonly body: Markup;
}

function checkView(v: InteractionVerdict): InteractionView {
  return {
    consumer: v.consumer,
    provider: v.provider,
    pact: v.pact,
    interaction: v.interaction,
    request: v.request,
    operation: v.operationId ?? '(no operation of the spec)',
    verdict: v.verdict,
    body: html`${
      v.reasons.length > 0
        ? html`<h3>Why</h3><ul>${v.reasons.map(
            (r) =>
              html`<li><strong>${r.part}</strong>${r.pointer ? html` at <code>${r.pointer}</code>` : ''}: ${r.message}</li>`,
          )}</ul>`
        : ''
    }${
      v.warnings.length > 0
        ? html`<h3>Warnings</h3><ul>${v.warnings.map(
            (w) => html`<li>${w.pointer ? html`<code>${w.pointer}</code>: ` : ''}${w.message}</li>`,
          )}</ul>`
        : ''
    }`,
  };
}

function verifyView(r: ReplayResult): InteractionView {
  const verdict = r.status !== 'passed' && r.pending ? 'pending' : r.status === 'error' ? 'error' : r.status;
  return {
    consumer: r.consumer,
    provider: r.provider,
    pact: r.pact,
    interaction: r.interaction,
    request: r.request,
    operation: r.request.replace(/\?.*$/, ''),
    verdict,
    body: html`${r.error ? html`<h3>Error</h3><p>${r.error}</p>` : ''}${r.mismatches.map(
      (m) =>
        html`<h3>Mismatch at <code>${m.pointer || '(the response)'}</code></h3><p>${m.message}</p>${expectedVsActual(m.expected, m.actual)}`,
    )}${r.warnings.length > 0 ? html`<h3>Warnings</h3><ul>${r.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}${
      r.pending && r.status !== 'passed'
        ? html`<p>Pending interaction: its failure is reported but does not fail the run.</p>`
        : ''
    }`,
  };
}

function interactionItem(view: InteractionView): Markup {
  return html`<li data-item data-consumer="${view.consumer}" data-verdict="${view.verdict}" data-operation="${view.operation}" data-severity="${
    view.verdict === 'compatible' || view.verdict === 'passed'
      ? 'pass'
      : view.verdict === 'pending'
        ? 'warning'
        : 'error'
  }">
<details>
<summary>${badge(view.verdict)} <strong>${view.consumer}</strong> <span>${view.interaction}</span> <span class="mono">${view.request}</span></summary>
<div class="detail">
${facts([
  ['Pact file', html`<span class="mono">${view.pact}</span>`],
  ['Consumer', view.consumer],
  ['Provider', view.provider],
  ['Request', html`<span class="mono">${view.request}</span>`],
  ['Operation', view.operation],
])}
${view.body}
</div>
</details>
</li>\n`;
}

function deployMatrix(outcome: PactOutcome): Markup {
  if (outcome.kind === 'check-spec') {
    return html`<table>
<caption>Each consumer against spec ${outcome.spec.version}: can it deploy?</caption>
<thead><tr><th scope="col">Consumer</th><th scope="col">Provider</th><th scope="col">Spec version</th><th scope="col">Can deploy</th><th scope="col">Compatible</th><th scope="col">Incompatible</th><th scope="col">Not covered</th><th scope="col">Pact file</th></tr></thead>
<tbody>${outcome.matrix.map(
      (row) =>
        html`<tr data-consumer="${row.consumer}"><th scope="row">${row.consumer}</th><td>${row.provider}</td><td>${row.specVersion}</td><td class="${row.compatible ? 'pass' : 'fail'}">${row.compatible ? '✓ yes' : '✗ no'}</td><td>${row.counts.compatible}</td><td>${row.counts.incompatible}</td><td>${row.counts['not-covered']}</td><td class="mono">${row.pact}</td></tr>\n`,
    )}</tbody>
</table>`;
  }
  return html`<table>
<caption>Each consumer against ${outcome.provider.embeddedMock ? 'the embedded mock' : outcome.provider.url}: can it deploy?</caption>
<thead><tr><th scope="col">Consumer</th><th scope="col">Provider</th><th scope="col">Verified against</th><th scope="col">Can deploy</th><th scope="col">Passed</th><th scope="col">Failed</th><th scope="col">Pact file</th></tr></thead>
<tbody>${outcome.matrix.map(
    (row) =>
      html`<tr data-consumer="${row.consumer}"><th scope="row">${row.consumer}</th><td>${row.provider}</td><td class="mono">${row.providerUrl}</td><td class="${row.verified ? 'pass' : 'fail'}">${row.verified ? '✓ yes' : '✗ no'}</td><td>${row.passed}</td><td>${row.failed}</td><td class="mono">${row.pact}</td></tr>\n`,
  )}</tbody>
</table>`;
}

function header(outcome: PactOutcome, views: readonly InteractionView[], generatedAt: string, failed: boolean): Markup {
  const blocked = outcome.matrix
    .filter((row) => ('compatible' in row ? !row.compatible : !row.verified))
    .map((row) => row.consumer);
  const count = (verdict: string) => views.filter((v) => v.verdict === verdict).length;
  const verdicts =
    outcome.kind === 'check-spec'
      ? ['compatible', 'incompatible', 'not-covered']
      : ['passed', 'failed', 'error', 'pending'];
  const check = outcome as PactCheckOutcome;
  const verify = outcome as PactVerifyOutcome;
  return html`<header>
<h1>tasks-contract pact ${outcome.kind}</h1>
<p>${
    outcome.kind === 'check-spec'
      ? 'Is every interaction the consumers expect one the contract allows?'
      : 'Does the provider answer every interaction the way the consumers expect?'
  }</p>
${facts(
  outcome.kind === 'check-spec'
    ? [
        ['Spec', html`<span class="mono">${check.spec.path}</span>`],
        ['Spec version', check.spec.version],
        ['Spec digest', check.spec.digest],
        ['Generated', time(generatedAt)],
        ['Pacts', `${outcome.matrix.length} (${views.length} interactions)`],
      ]
    : [
        [
          'Provider',
          html`<span class="mono">${verify.provider.url}</span>${verify.provider.embeddedMock ? ' (the embedded mock)' : ''}`,
        ],
        ['Generated', time(generatedAt)],
        ['Pacts', `${outcome.matrix.length} (${views.length} interactions)`],
      ],
)}
<p class="verdict ${failed ? 'fail' : 'pass'}" id="verdict">${
    failed
      ? `✗ Cannot deploy: ${blocked.length > 0 ? blocked.join(', ') : 'some interactions fail'}.`
      : '✓ Every consumer can deploy.'
  }</p>
<ul class="counts" aria-label="Interactions by verdict">${verdicts.map(
    (verdict) => html`<li><strong data-count="${verdict}">${count(verdict)}</strong> ${badge(verdict)}</li>`,
  )}</ul>
</header>`;
}

/**
 * The HTML report of `pact check-spec` or `pact verify`: the can-i-deploy matrix, then a verdict
 * per interaction with its reasons (mismatches with expected vs actual), filterable by consumer,
 * verdict and operation. Self-contained like the verify report; the outcome must be redacted
 * before it comes here, and every value is escaped.
 *
 * @example writeFileSync('reports/pacts.html', pactHtmlReport(outcome, true));
 */
export function pactHtmlReport(outcome: PactOutcome, failed: boolean, generatedAt = new Date().toISOString()): string {
  const views = outcome.kind === 'check-spec' ? outcome.verdicts.map(checkView) : outcome.results.map(verifyView);
  const skipped = outcome.kind === 'check-spec' ? outcome.skipped : [];
  return htmlPage({
    title: `pact ${outcome.kind}: ${failed ? 'cannot deploy' : 'can deploy'}`,
    body: html`${header(outcome, views, generatedAt, failed)}
<main>
<section aria-labelledby="deploy-heading">
<h2 id="deploy-heading">Can I deploy?</h2>
<div class="scroll" tabindex="0" role="region" aria-labelledby="deploy-heading">${deployMatrix(outcome)}</div>
</section>
<section aria-labelledby="findings">
<h2 id="findings" tabindex="-1">Interactions (${views.length})</h2>
${
  views.length > 0
    ? html`${filterBar(
        [
          { key: 'consumer', label: 'Consumer', values: distinct(views.map((v) => v.consumer)) },
          { key: 'verdict', label: 'Verdict', values: distinct(views.map((v) => v.verdict)) },
          {
            key: 'operation',
            label: outcome.kind === 'check-spec' ? 'Operation' : 'Request',
            values: distinct(views.map((v) => v.operation)),
          },
        ],
        views.length,
      )}
<ul class="items">${views.map(interactionItem)}</ul>`
    : html`<p>No interactions.</p>`
}
${skipped.length > 0 ? html`<h3>Skipped (not synchronous HTTP)</h3><ul>${skipped.map((s) => html`<li>${s}</li>`)}</ul>` : ''}
</section>
</main>
<footer>Written by tasks-contract pact ${outcome.kind}. Tokens and passwords are masked. The JSON report holds the same data for machines.</footer>`,
  });
}
