/**
 * How bad a finding is: `error` breaks the contract, `security` leaks or exposes something,
 * `warning` is worth a look but does not fail the run.
 */
export type FindingSeverity = 'error' | 'warning' | 'security';

/**
 * "The API is wrong": one way a server's answer breaks the contract, as data a report can print
 * and a person can reproduce.
 *
 * @example
 * { check: 'response-schema', severity: 'error', endpoint: 'GET /system/tasks/{taskId}',
 *   url: 'https://host/arcgis/admin/system/tasks/5f0c...?f=json', pointer: '/taskState',
 *   message: 'must be equal to one of the allowed values', expected: ['active', 'paused'],
 *   actual: 'running', curl: "curl -sS 'https://host/...?f=json&token='\"$TOKEN\"" }
 */
export interface Finding {
  readonly check: string;
  readonly severity: FindingSeverity;
  /** Method and path template, e.g. `GET /system/tasks/{taskId}`. */
  readonly endpoint: string;
  /** The URL requested, without the token. */
  readonly url: string;
  /** JSON pointer into the response body, "" for the response as a whole. */
  readonly pointer: string;
  readonly message: string;
  readonly expected: unknown;
  readonly actual: unknown;
  /** A curl command that reproduces the request; the token is `$TOKEN`. */
  readonly curl: string;
}

/** What a check returns: a finding without the request's coordinates, which the engine adds. */
export interface FindingDraft {
  readonly severity?: FindingSeverity;
  readonly pointer?: string;
  readonly message: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

/**
 * "The tool or the spec is wrong": something that kept a check from judging the server (a check
 * that threw, an operation the spec lacks). Kept apart from findings, reported as JUnit `<error>`.
 */
export interface ToolError {
  readonly check: string;
  readonly endpoint: string;
  readonly message: string;
}

/** Findings that fail a run; warnings do not. */
export function isFailing(finding: Pick<Finding, 'severity'>): boolean {
  return finding.severity !== 'warning';
}
