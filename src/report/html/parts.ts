import { html, type Markup } from './escape.js';

/** The symbol and word of a verdict or severity: meaning never rests on colour alone. */
const LABEL: Readonly<Record<string, { symbol: string; word: string; tone: string }>> = {
  error: { symbol: '✗', word: 'error', tone: 'error' },
  security: { symbol: '‼', word: 'security', tone: 'security' },
  warning: { symbol: '⚠', word: 'warning', tone: 'warning' },
  passed: { symbol: '✓', word: 'passed', tone: 'pass' },
  failed: { symbol: '✗', word: 'failed', tone: 'fail' },
  compatible: { symbol: '✓', word: 'compatible', tone: 'pass' },
  incompatible: { symbol: '✗', word: 'incompatible', tone: 'fail' },
  'not-covered': { symbol: '?', word: 'not covered', tone: 'warn' },
  pending: { symbol: '⚠', word: 'pending', tone: 'warn' },
};

/** A badge: symbol and word, toned by colour as a second cue. */
export function badge(kind: string): Markup {
  const label = LABEL[kind] ?? { symbol: '•', word: kind, tone: 'none' };
  return html`<span class="badge ${label.tone}"><span aria-hidden="true">${label.symbol} </span>${label.word}</span>`;
}

/** A definition list of facts (label, value); values that are absent are left out. */
export function facts(entries: readonly (readonly [string, Markup | string | number | undefined])[]): Markup {
  return html`<dl class="facts">${entries
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

/** A time as text people read (UTC) with the machine-readable value beside it. */
export function time(iso: string): Markup {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return html`${iso}`;
  return html`<time datetime="${date.toISOString()}">${date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')}</time>`;
}

export interface FilterSpec {
  /** The `data-*` attribute of the items it filters on. */
  readonly key: string;
  readonly label: string;
  readonly values: readonly string[];
}

/** Filters over the items below (`data-item` elements), one select per attribute, with a live count. */
export function filterBar(filters: readonly FilterSpec[], total: number): Markup {
  return html`<div class="filters" role="group" aria-label="Filters">
${filters.map(
  (filter) => html`<label>${filter.label}
<select data-filter="${filter.key}"><option value="">All (${filter.values.length})</option>${filter.values.map(
    (value) => html`<option value="${value}">${value}</option>`,
  )}</select></label>`,
)}
<button type="button" id="filter-reset">Show all</button>
<p id="filter-status" role="status" aria-live="polite">Showing ${total} of ${total}.</p>
</div>`;
}

/** A curl command with a copy button (the status line says what happened). */
export function curlBlock(id: string, curl: string): Markup {
  return html`<h3>Reproduce</h3><div class="copy-row"><button type="button" class="copy" data-copy="${id}">Copy curl command</button></div><pre><code id="${id}">${curl}</code></pre>`;
}

/** The distinct values, sorted, for a filter. */
export function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
