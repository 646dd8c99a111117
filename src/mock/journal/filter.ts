import { METHODS } from 'node:http';
import { closest } from 'fastest-levenshtein';
import type { Params } from '../params.js';
import { parseInstant } from '../time/iso.js';
import type { RequestFilter } from './recorded-request.js';

/** The fields of an entry a filter looks at (what the journal holds, before it is shown as a `RecordedRequest`). */
interface Filterable {
  readonly operationId: string | null;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly method: string;
  readonly mockTimeMs: number;
  readonly unmatched: boolean;
}

export type FilterTest = (entry: Filterable) => boolean;

/** A filter the journal cannot use, with the one line that says what to fix. */
export class RequestFilterError extends Error {
  override readonly name = 'RequestFilterError';
}

export const FILTER_NAMES = ['operationId', 'taskId', 'method', 'since', 'unmatched'] as const;

function suggestion(name: string, known: readonly string[]): string {
  return known.length > 0 ? ` (did you mean "${closest(name, known)}"?)` : '';
}

/** The instant's epoch ms, or NaN for text that is not one (the caller names the filter in its error). */
function instantOrNaN(text: string): number {
  try {
    return parseInstant(text);
  } catch {
    return Number.NaN;
  }
}

function sinceMs(since: string | Date | number): number {
  const ms = typeof since === 'string' ? instantOrNaN(since) : since instanceof Date ? since.getTime() : Number(since);
  if (!Number.isFinite(ms)) {
    throw new RequestFilterError(
      `since must be an ISO-8601 instant with a zone, such as 2026-01-15T12:00:00Z (or a Date, or epoch ms), got ${JSON.stringify(String(since))}.`,
    );
  }
  return ms;
}

/**
 * Checks a filter and turns it into a test of journal entries. Throws `RequestFilterError` for a
 * field it does not know, an operationId the contract does not have (a typo would silently match
 * nothing), a method that is not a word, or a `since` that is not an instant.
 *
 * @example
 * const test = compileFilter({ operationId: 'disableTask', since: '2026-01-15T00:00:00Z' }, new Set(['disableTask']));
 */
export function compileFilter(filter: RequestFilter = {}, operationIds: ReadonlySet<string> = new Set()): FilterTest {
  for (const name of Object.keys(filter)) {
    if (!(FILTER_NAMES as readonly string[]).includes(name))
      throw new RequestFilterError(
        `"${name}" is not a request filter; use ${FILTER_NAMES.join(', ')}${suggestion(name, FILTER_NAMES)}.`,
      );
  }
  const { operationId, taskId, method, since, unmatched } = filter;
  if (operationId !== undefined && (typeof operationId !== 'string' || !operationIds.has(operationId)))
    throw new RequestFilterError(
      `operationId "${operationId}" is not an operation of the contract${suggestion(String(operationId), [...operationIds])}.`,
    );
  if (taskId !== undefined && (typeof taskId !== 'string' || taskId === ''))
    throw new RequestFilterError('taskId must be a task id (non-empty text).');
  // only methods node parses can be in the journal: any other would silently match nothing
  if (method !== undefined && (typeof method !== 'string' || !METHODS.includes(method.toUpperCase())))
    throw new RequestFilterError(`method must be an HTTP method such as GET or POST, got "${method}".`);
  if (unmatched !== undefined && typeof unmatched !== 'boolean')
    throw new RequestFilterError(`unmatched must be true or false, got "${unmatched}".`);
  const from = since === undefined ? undefined : sinceMs(since);
  const upperMethod = method?.toUpperCase();
  return (entry) =>
    (operationId === undefined || entry.operationId === operationId) &&
    (taskId === undefined || entry.pathParams['taskId'] === taskId) &&
    (upperMethod === undefined || entry.method === upperMethod) &&
    (from === undefined || entry.mockTimeMs >= from) &&
    (unmatched === undefined || entry.unmatched === unmatched);
}

/**
 * The filter of `GET /__mock/requests?operationId=...&since=...` (and of `/count`), as query or form
 * fields. Text values are checked as in code; `unmatched` is `true` or `false`. `f` is allowed and
 * ignored (the answer is JSON); `extra` names the other fields the endpoint takes (e.g. `limit`).
 *
 * @example
 * parseFilterFields(new Map([['unmatched', 'true']]), []); // { unmatched: true }
 */
export function parseFilterFields(fields: Params, extra: readonly string[]): RequestFilter {
  const known = [...FILTER_NAMES, ...extra, 'f'];
  const filter: { -readonly [K in keyof RequestFilter]: RequestFilter[K] } = {};
  for (const [name, value] of fields) {
    if (!known.includes(name))
      throw new RequestFilterError(
        `"${name}" is not a request filter; use ${known.join(', ')}${suggestion(name, known)}.`,
      );
    if (name === 'unmatched') {
      if (value !== 'true' && value !== 'false')
        throw new RequestFilterError(`unmatched must be true or false, got "${value}".`);
      filter.unmatched = value === 'true';
    } else if (name === 'operationId' || name === 'taskId' || name === 'method' || name === 'since') {
      filter[name] = value;
    }
  }
  return filter;
}
