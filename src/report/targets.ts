import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { VerifyOutcome } from '../runner/outcome.js';
import { verifyHtmlReport } from './html/verify-html.js';
import { jsonReport } from './json.js';
import { junitReport } from './junit.js';

export type ReportFormat = 'junit' | 'json' | 'html';

/** A report to write: `junit:FILE`, `json:FILE` or `html:FILE`. */
export interface ReportTarget {
  readonly format: ReportFormat;
  readonly file: string;
}

const RENDERERS: Record<ReportFormat, (outcome: VerifyOutcome) => string> = {
  junit: junitReport,
  json: jsonReport,
  html: verifyHtmlReport,
};

/**
 * Parses `junit:FILE`, `json:FILE` or `html:FILE`; returns an error message (for a one-line usage error) otherwise.
 *
 * @example parseReportTarget('junit:reports/verify.xml') // { format: 'junit', file: 'reports/verify.xml' }
 */
export function parseReportTarget(text: string): ReportTarget | string {
  const match = /^(junit|json|html):(.+)$/.exec(text);
  if (!match) return `--report must be junit:FILE, json:FILE or html:FILE, got "${text}".`;
  return { format: match[1] as ReportFormat, file: match[2]! };
}

/** Writes each report (creating folders as needed). */
export async function writeReports(outcome: VerifyOutcome, targets: readonly ReportTarget[]): Promise<void> {
  for (const target of targets) {
    await mkdir(dirname(target.file), { recursive: true });
    await writeFile(target.file, RENDERERS[target.format](outcome));
  }
}
