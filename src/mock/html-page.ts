import { MAX_WALK_DEPTH } from '../input/index.js';

/** Escapes text for HTML element content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

interface HtmlLink {
  readonly label: string;
  /** Relative to the admin root, e.g. `system/tasks/<id>/runs`. */
  readonly href: string;
}

export interface HtmlPageSpec {
  readonly title: string;
  /** Path segments under the admin root, e.g. ['system', 'tasks', '<id>']. */
  readonly breadcrumbs: readonly string[];
  readonly value?: unknown;
  readonly childResources?: readonly HtmlLink[];
  readonly operations?: readonly HtmlLink[];
}

function renderValue(value: unknown, depth = 0): string {
  if (value === null || typeof value !== 'object') return escapeHtml(JSON.stringify(value) ?? 'null');
  if (depth >= MAX_WALK_DEPTH) return escapeHtml(`(nested deeper than ${MAX_WALK_DEPTH} levels, not shown)`);
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) return Array.isArray(value) ? '[]' : '{}';
  const items = entries.map(([k, v]) => `<li><b>${escapeHtml(k)}</b>: ${renderValue(v, depth + 1)}</li>`);
  return `<ul>${items.join('')}</ul>`;
}

/**
 * A small page in the style of the ArcGIS Enterprise Administrator Directory (the `f=html` answer):
 * breadcrumbs, the resource's fields, child resources and supported operations. Every value is escaped.
 */
export function renderHtmlPage(adminRoot: string, page: HtmlPageSpec): string {
  const crumbs = [`<a href="${escapeHtml(adminRoot)}">Home</a>`];
  page.breadcrumbs.forEach((segment, i) => {
    const href = `${adminRoot}/${page.breadcrumbs
      .slice(0, i + 1)
      .map(encodeURIComponent)
      .join('/')}`;
    crumbs.push(`<a href="${escapeHtml(href)}">${escapeHtml(segment)}</a>`);
  });
  const list = (title: string, links: readonly HtmlLink[] | undefined) =>
    links && links.length > 0
      ? `<h3>${title}</h3><ul>${links.map((l) => `<li><a href="${escapeHtml(`${adminRoot}/${l.href}`)}">${escapeHtml(l.label)}</a></li>`).join('')}</ul>`
      : '';
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(page.title)} (ArcGIS Enterprise Administrator Directory)</title></head>` +
    `<body><h2>ArcGIS Enterprise Administrator Directory</h2><p>${crumbs.join(' &gt; ')}</p><h3>${escapeHtml(page.title)}</h3>` +
    (page.value === undefined ? '' : renderValue(page.value)) +
    list('Child Resources', page.childResources) +
    list('Supported Operations', page.operations) +
    '</body></html>'
  );
}
