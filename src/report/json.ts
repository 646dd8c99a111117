import type { VerifyOutcome } from '../verify/outcome.js';
import { countFindings } from './summary.js';

/** The JSON report's format version; bump it when a field changes meaning. */
export const JSON_REPORT_VERSION = 1;

/**
 * The JSON report: the run's metadata, counts, the endpoint x check table, every finding and every
 * error of the tool, as one document.
 */
export function jsonReport(outcome: VerifyOutcome): string {
  const counts = countFindings(outcome.findings, outcome.errors);
  return `${JSON.stringify(
    {
      version: JSON_REPORT_VERSION,
      meta: outcome.meta,
      conforms: !outcome.unreachable && counts.error + counts.security + counts.toolErrors === 0,
      unreachable: outcome.unreachable,
      counts,
      tally: outcome.tally,
      findings: outcome.findings,
      errors: outcome.errors,
    },
    null,
    2,
  )}\n`;
}
