import type { Finding, ToolError } from '../verify/finding.js';

/** Counts of a run's findings by severity. */
export interface FindingCounts {
  readonly error: number;
  readonly security: number;
  readonly warning: number;
  readonly toolErrors: number;
}

export function countFindings(findings: readonly Finding[], errors: readonly ToolError[] = []): FindingCounts {
  const counts = { error: 0, security: 0, warning: 0, toolErrors: errors.length };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** A value as one short line of JSON. */
export function brief(value: unknown, max = 120): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
