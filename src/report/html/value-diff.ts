import { diffJson } from 'diff';
import { html, type Markup } from './escape.js';

/** A value as readable JSON text (strings as themselves when they are a whole value). */
function showValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

const isDocument = (value: unknown) => value !== null && typeof value === 'object';

/**
 * Expected and actual, one after the other; when both are documents (objects or arrays), one line
 * diff of them instead: lines only expected marked `-`, lines only in the answer `+`, so the marks
 * carry the meaning and colour only helps.
 *
 * @example expectedVsActual({ a: 1 }, { a: 2 }) // a diff with `-   "a": 1` and `+   "a": 2`
 */
export function expectedVsActual(expected: unknown, actual: unknown): Markup {
  if (!isDocument(expected) || !isDocument(actual))
    return html`<h3>Expected</h3><pre>${showValue(expected)}</pre><h3>Actual</h3><pre>${showValue(actual)}</pre>`;
  const lines = diffJson(expected as object, actual as object).flatMap((change) =>
    change.value
      .replace(/\n$/, '')
      .split('\n')
      .map((line) =>
        change.removed
          ? html`<del><span aria-hidden="true">- </span><span class="sr-only">expected: </span>${line}</del>`
          : change.added
            ? html`<ins><span aria-hidden="true">+ </span><span class="sr-only">actual: </span>${line}</ins>`
            : html`<span>  ${line}</span>\n`,
      ),
  );
  return html`<h3>Expected vs actual (<span class="mono">-</span> expected, <span class="mono">+</span> actual)</h3><pre class="diff">${lines}</pre>`;
}
