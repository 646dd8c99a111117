import type { NearMiss, RecordedRequest } from './recorded-request.js';

/**
 * A near miss in one line.
 *
 * @example
 * describeNearMiss(nearMiss);
 * // 'closest: disableTask (POST /arcgis/admin/system/tasks/{taskId}/disable): path segment 6 is "disabel", the operation has "disable"'
 */
export function describeNearMiss(nearMiss: NearMiss): string {
  const differences = nearMiss.differences.map((d) => d.message).join('; ');
  return `closest: ${nearMiss.operationId} (${nearMiss.method} ${nearMiss.path})${differences ? `: ${differences}` : ''}`;
}

/** What the mock answered: the status, the ArcGIS error code when an envelope was sent, the fault. */
function answer(entry: RecordedRequest): string {
  const status = entry.status === null ? 'no answer' : String(entry.status);
  const error = entry.errorCode === null ? '' : ` error ${entry.errorCode}`;
  const fault = entry.fault ? ` fault ${entry.fault.kind}` : '';
  return `${status}${error}${fault}`;
}

/**
 * One recorded request in one line, as matchers list what the mock received.
 *
 * @example
 * describeRequest(entry); // '#3 POST /arcgis/admin/system/tasks/5f0c.../disable -> disableTask 200 (token in form)'
 */
export function describeRequest(entry: RecordedRequest): string {
  const taken = entry.operationId ?? 'unmatched';
  const nearMiss = entry.nearMiss ? `; ${describeNearMiss(entry.nearMiss)}` : '';
  return `#${entry.seq} ${entry.method} ${entry.path} -> ${taken} ${answer(entry)} (token: ${entry.token})${nearMiss}`;
}

/**
 * The `--log` line of a request: wall time, method, path, operation, status, ms (and for an
 * unmatched request, its near miss). Query strings are left out: the entry's fields are masked,
 * but a log line is meant to be short.
 *
 * @example
 * logLine(entry); // '2026-01-15T12:00:00.123Z GET /arcgis/admin/system/tasks getTask 200 0.41 ms'
 */
export function logLine(entry: RecordedRequest): string {
  const taken = entry.operationId ?? (entry.unmatched ? 'unmatched' : '-');
  const nearMiss = entry.nearMiss ? ` (${describeNearMiss(entry.nearMiss)})` : '';
  return `${entry.wallTime} ${entry.method} ${entry.path} ${taken} ${answer(entry)} ${entry.durationMs.toFixed(2)} ms${nearMiss}`;
}
