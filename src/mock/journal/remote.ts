import { compileFilter } from './filter.js';
import type { JournalReader, JournalStats } from './journal.js';
import type { RecordedRequest, RequestFilter } from './recorded-request.js';

interface JournalAnswer {
  readonly requests?: RecordedRequest[];
  readonly meta?: JournalStats & { readonly operationIds?: string[] };
  readonly error?: { readonly message?: string; readonly details?: string[] };
}

/** A copy of a mock's journal read over HTTP: filters and matchers work on it as on the journal itself. */
class JournalSnapshot implements JournalReader {
  readonly operationIds: ReadonlySet<string>;
  private readonly entries: { readonly entry: RecordedRequest; readonly mockTimeMs: number }[];

  constructor(
    requests: readonly RecordedRequest[],
    private readonly meta: JournalStats,
    operationIds: readonly string[],
  ) {
    this.operationIds = new Set(operationIds);
    this.entries = requests.map((entry) => ({ entry, mockTimeMs: Date.parse(entry.mockTime) }));
  }

  requests(filter: RequestFilter = {}): RecordedRequest[] {
    const test = compileFilter(filter, this.operationIds);
    return this.entries.filter(({ entry, mockTimeMs }) => test({ ...entry, mockTimeMs })).map(({ entry }) => entry);
  }

  stats(): JournalStats {
    return this.meta;
  }
}

/**
 * Reads the journal of a mock running in another process (`tasks-contract mock`), for the same
 * filters and matchers as an in-process one. `baseUrl` is the mock's base URL (what it prints).
 *
 * @example
 * const journal = await fetchJournal('http://127.0.0.1:4010');
 * expect(journal).toHaveReceived('disableTask', { taskId, times: 1 });
 */
export async function fetchJournal(baseUrl: string): Promise<JournalReader> {
  const url = `${baseUrl.replace(/\/+$/, '')}/__mock/requests?f=json`;
  let answer: JournalAnswer;
  try {
    answer = (await (await fetch(url)).json()) as JournalAnswer;
  } catch (error) {
    throw new Error(`Could not read the request journal at ${url}: ${(error as Error).message}`);
  }
  if (!answer.requests || !answer.meta) {
    const why = answer.error ? [answer.error.message, ...(answer.error.details ?? [])].join(' ') : 'not a journal';
    throw new Error(`Could not read the request journal at ${url}: ${why}`);
  }
  const { operationIds = [], ...stats } = answer.meta;
  return new JournalSnapshot(answer.requests, stats, operationIds);
}
