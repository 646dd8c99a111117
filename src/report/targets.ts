import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { VerifyOutcome } from '../verify/outcome.js';

export type ReportFormat = 'junit' | 'json' | 'html' | 'markdown';

/** The formats of verify and pact reports; `spec diff` and `spec gate` offer junit, json and markdown. */
const DEFAULT_REPORT_FORMATS: readonly ReportFormat[] = ['junit', 'json', 'html'];

/** A report to write: `junit:FILE`, `json:FILE`, `html:FILE` or (where offered) `markdown:FILE`. */
export interface ReportTarget {
  readonly format: ReportFormat;
  readonly file: string;
}

type Renderer = (outcome: VerifyOutcome) => string;

/** Each format's renderer, loaded when a report of that format is asked for (the HTML one brings a diff library). */
const RENDERERS: Record<'junit' | 'json' | 'html', () => Promise<Renderer>> = {
  junit: async () => (await import('./junit.js')).junitReport,
  json: async () => (await import('./json.js')).jsonReport,
  html: async () => (await import('./html/verify-html.js')).verifyHtmlReport,
};

/**
 * Parses `FORMAT:FILE` for one of `formats` (default junit, json and html); returns an error message
 * (for a one-line usage error) otherwise.
 *
 * @example parseReportTarget('junit:reports/verify.xml') // { format: 'junit', file: 'reports/verify.xml' }
 */
export function parseReportTarget(
  text: string,
  formats: readonly ReportFormat[] = DEFAULT_REPORT_FORMATS,
): ReportTarget | string {
  const match = /^([a-z]+):(.+)$/.exec(text);
  if (!match || !formats.includes(match[1] as ReportFormat)) {
    const expected = formats.map((f) => `${f}:FILE`);
    return `--report must be ${expected.slice(0, -1).join(', ')} or ${expected.at(-1)}, got "${text}".`;
  }
  return { format: match[1] as ReportFormat, file: match[2]! };
}

/** The text of a verify run's report in one format. */
export async function renderVerifyReport(outcome: VerifyOutcome, format: ReportFormat): Promise<string> {
  if (format === 'markdown') throw new Error('verify has no markdown report');
  return (await RENDERERS[format]())(outcome);
}

/** Writes each report of a verify run (creating folders as needed). */
export async function writeReports(outcome: VerifyOutcome, targets: readonly ReportTarget[]): Promise<void> {
  for (const target of targets) {
    await mkdir(dirname(target.file), { recursive: true });
    await writeFile(target.file, await renderVerifyReport(outcome, target.format));
  }
}
