import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { html, Markup } from './escape.js';

let assets: { css: string; js: string } | undefined;

/**
 * The report's stylesheet and script (`report.css`, `report.js` beside this module: in src/, and in
 * dist/src/ where the build copies them), read once.
 */
function reportAssets(): { css: string; js: string } {
  const folder = dirname(fileURLToPath(import.meta.url));
  assets ??= {
    css: readFileSync(join(folder, 'report.css'), 'utf8'),
    js: readFileSync(join(folder, 'report.js'), 'utf8'),
  };
  return assets;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * One self-contained HTML page: the styles and the script inline, and a Content-Security-Policy
 * that allows exactly those two (by hash) and nothing else, so the page can make no request at
 * all, and markup a server smuggled into a value could not run even if it were not escaped.
 *
 * @example writeFileSync('report.html', htmlPage({ title: 'verify', body: html`<h1>...</h1>` }));
 */
export function htmlPage(page: { title: string; body: Markup }): string {
  const { css, js } = reportAssets();
  const policy = [
    "default-src 'none'",
    `style-src ${sha256(css)}`,
    `script-src ${sha256(js)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tasks-contract">
<title>${page.title}</title>
<style>${rawText(css)}</style>
</head>
<body>
${page.body}
<script>${rawText(js)}</script>
</body>
</html>
`}`;
}

/** Our own stylesheet or script, inlined as it is (it is not data, and `<` inside it is not markup). */
function rawText(text: string): Markup {
  if (/<\/(style|script)/i.test(text)) throw new Error('an inlined asset must not close its own element');
  return new Markup(text);
}
