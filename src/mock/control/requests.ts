import { failure, type MockFailure } from '../failure.js';
import { parseFilterFields, RequestFilterError } from '../journal/filter.js';
import { MAX_JOURNAL_SIZE, type RequestJournal } from '../journal/journal.js';
import type { Params } from '../params.js';

/** The journal's control endpoints: `GET /__mock/requests`, `GET /__mock/requests/count`, `DELETE /__mock/requests`. */
export type RequestsControlName = 'requests' | 'count-requests' | 'clear-requests';

const UNREADABLE = 'Unable to read the request journal.';

function journalOff(): MockFailure {
  return failure(409, UNREADABLE, [
    'The request journal is off (journal size 0): start the mock with --journal-size N (journalSize in code) to record requests.',
  ]);
}

function limitOf(params: Params): number | undefined {
  const raw = params.get('limit');
  if (raw === undefined) return undefined;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) > MAX_JOURNAL_SIZE)
    throw new RequestFilterError(`limit must be a whole number from 0 to ${MAX_JOURNAL_SIZE}, got "${raw}".`);
  return Number(raw);
}

function json(value: unknown, params: Params): string {
  return params.get('f') === 'pjson' ? JSON.stringify(value, null, 2) : JSON.stringify(value);
}

/**
 * Answers the journal's control endpoints, as JSON text or a refusal (nothing changes on a refusal):
 *
 * - `GET /__mock/requests?operationId=&taskId=&method=&since=&unmatched=&limit=`: the matching
 *   requests, oldest first (`limit`: only the newest N), and `meta` (how many matched, the journal's
 *   capacity, how many it holds and dropped, the contract's operationIds).
 * - `GET /__mock/requests/count` with the same filters: `{"count": N}`.
 * - `DELETE /__mock/requests`: forgets every entry, `{"status": "success", "cleared": N}`; it takes no filter.
 *
 * A field that is not a filter, an unknown operationId, a `since` that is not an ISO-8601 instant
 * or an `unmatched` that is not true/false is refused with 400 and the one line that says what to fix.
 */
export function answerRequestsControl(
  name: RequestsControlName,
  params: Params,
  journal: RequestJournal,
): string | MockFailure {
  try {
    if (name === 'clear-requests') {
      const extra = [...params.keys()].find((field) => field !== 'f');
      if (extra !== undefined)
        throw new RequestFilterError(
          `DELETE /__mock/requests clears the whole journal and takes no "${extra}"; read what you need first with GET /__mock/requests.`,
        );
      return json({ status: 'success', cleared: journal.clear() }, params);
    }
    const filter = parseFilterFields(params, name === 'requests' ? ['limit'] : []);
    const limit = limitOf(params);
    if (!journal.enabled) return journalOff();
    if (name === 'count-requests') return json({ count: journal.count(filter) }, params);
    const found = journal.requests(filter);
    const requests = limit === undefined ? found : found.slice(Math.max(0, found.length - limit));
    const meta = { matched: found.length, returned: requests.length, ...journal.stats() };
    return json({ requests, meta: { ...meta, operationIds: [...journal.operationIds] } }, params);
  } catch (error) {
    if (error instanceof RequestFilterError) return failure(400, UNREADABLE, [error.message]);
    throw error;
  }
}
