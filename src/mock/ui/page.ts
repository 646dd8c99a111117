import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The page and the Content-Security-Policy that goes with it. */
export interface DashboardPage {
  readonly html: string;
  readonly policy: string;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function inline(text: string): string {
  if (/<\/(style|script)/i.test(text)) throw new Error('an inlined asset must not close its own element');
  return text;
}

let page: DashboardPage | undefined;

/**
 * The dashboard page: static markup, `dashboard.css` and `dashboard-client.js` (real files beside this one,
 * linted by Biome) inlined, and a policy that allows exactly those two by hash and requests to the
 * mock's own origin only (`connect-src 'self'`: the view, the change feed, the control endpoints).
 * Nothing the mock holds is in the markup: the script writes every value with `textContent`.
 * Built once, when first asked for.
 */
export function dashboardPage(): DashboardPage {
  if (page) return page;
  // beside this module: src/mock/ui in the tree, dist/src/mock/ui (copied by the build) when installed
  const folder = dirname(fileURLToPath(import.meta.url));
  const css = readFileSync(join(folder, 'dashboard.css'), 'utf8');
  const js = readFileSync(join(folder, 'dashboard-client.js'), 'utf8');
  const markup = readFileSync(join(folder, 'dashboard.html'), 'utf8');
  const policy = [
    "default-src 'none'",
    `style-src ${sha256(css)}`,
    `script-src ${sha256(js)}`,
    "connect-src 'self'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const html = markup
    .replace('<style></style>', () => `<style>${inline(css)}</style>`)
    .replace('<script></script>', () => `<script>${inline(js)}</script>`);
  page = { html, policy };
  return page;
}
