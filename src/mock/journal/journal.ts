import type { Steering } from '../steering.js';
import type { Exchange } from './exchange.js';
import { compileFilter } from './filter.js';
import type { AppliedFault, NearMiss, RecordedRequest, RequestFilter, TokenTransport } from './recorded-request.js';

/** Requests the journal keeps by default; the oldest go first. */
export const DEFAULT_JOURNAL_SIZE = 10_000;
/** The largest journal a mock may keep. */
export const MAX_JOURNAL_SIZE = 1_000_000;

/** How full the journal is. */
export interface JournalStats {
  /** Entries it can hold; 0 when the journal is off. */
  readonly capacity: number;
  /** Entries it holds now. */
  readonly held: number;
  /** Entries pushed out by newer ones since it was last cleared. */
  readonly dropped: number;
  /** Requests recorded since the mock started (cleared ones included). */
  readonly recorded: number;
}

/** What a matcher or a test reads: the mock's journal in this process, or a copy fetched from another. */
export interface JournalReader {
  requests(filter?: RequestFilter): RecordedRequest[];
  stats(): JournalStats;
  /** The operationIds of the contract (to catch a typo in a filter). */
  readonly operationIds: ReadonlySet<string>;
}

function iso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

/**
 * One slot of the ring: the fields of a finished exchange, copied in. Slots are made once and
 * reused when the ring wraps, so recording allocates nothing that outlives the request: before,
 * every entry (an exchange, its times, its path parameters) lived long enough to be promoted to
 * V8's old space and died there, and a full journal kept the old space growing and collecting
 * (about 320 bytes promoted per request, tens of MB of RSS at 10,000 requests a second).
 */
class Slot {
  seq = 0;
  mockTimeMs = 0;
  wallTimeMs = 0;
  method = '';
  path = '';
  operationId: string | null = null;
  pathParams: Readonly<Record<string, string>> = {};
  query: Readonly<Record<string, string>> = {};
  form: Readonly<Record<string, string>> = {};
  token: TokenTransport = 'none';
  status: number | null = null;
  errorCode: number | null = null;
  errorMessage: string | null = null;
  steering: Steering | null = null;
  fault: AppliedFault | null = null;
  delayMs = 0;
  durationMs = 0;
  unmatched = false;
  nearMiss: NearMiss | null = null;

  /** Takes the finished exchange's fields (the exchange itself is let go). */
  fill(from: Exchange): this {
    this.seq = from.seq;
    this.mockTimeMs = from.mockTimeMs;
    this.wallTimeMs = from.wallTimeMs;
    this.method = from.method;
    this.path = from.path;
    this.operationId = from.operationId;
    this.pathParams = from.pathParams;
    this.query = from.query;
    this.form = from.form;
    this.token = from.token;
    this.status = from.status;
    this.errorCode = from.errorCode;
    this.errorMessage = from.errorMessage;
    this.steering = from.steering;
    this.fault = from.fault;
    this.delayMs = from.delayMs;
    this.durationMs = from.durationMs;
    this.unmatched = from.unmatched;
    this.nearMiss = from.nearMiss;
    return this;
  }
}

/** What an entry holds, in the ring or on its way there. */
type Entry = Pick<Slot, Exclude<keyof Slot, 'fill'>>;

/** The entry as users see it: plain JSON data, times as ISO-8601. */
export function toRecordedRequest(entry: Entry): RecordedRequest {
  return {
    seq: entry.seq,
    mockTime: iso(entry.mockTimeMs),
    wallTime: iso(entry.wallTimeMs),
    method: entry.method,
    path: entry.path,
    operationId: entry.operationId,
    pathParams: entry.pathParams,
    query: entry.query,
    form: entry.form,
    token: entry.token,
    status: entry.status,
    errorCode: entry.errorCode,
    errorMessage: entry.errorMessage,
    steering: entry.steering,
    fault: entry.fault,
    delayMs: entry.delayMs,
    durationMs: Math.round(entry.durationMs * 1000) / 1000,
    unmatched: entry.unmatched,
    nearMiss: entry.nearMiss,
  };
}

/**
 * The mock's request journal: a ring of the last `capacity` requests, so memory stays flat
 * however long the mock runs. Entries are masked before they get here (see `Recorder`).
 *
 * @example
 * const journal = journalOf(createMockServer());
 * journal.requests({ operationId: 'disableTask' }); // oldest first
 * journal.count({ unmatched: true });
 */
export class RequestJournal implements JournalReader {
  private readonly ring: (Slot | undefined)[];
  private next = 0;
  private held = 0;
  private dropped = 0;
  private recorded = 0;
  private sequence = 0;
  private changes = 0;
  private known: ReadonlySet<string> = new Set();

  constructor(readonly capacity: number = DEFAULT_JOURNAL_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_JOURNAL_SIZE)
      throw new Error(`journalSize must be a whole number from 0 to ${MAX_JOURNAL_SIZE}, got ${capacity}`);
    this.ring = new Array<Slot | undefined>(capacity);
  }

  /** False when the mock was started with a journal size of 0. */
  get enabled(): boolean {
    return this.capacity > 0;
  }

  get operationIds(): ReadonlySet<string> {
    return this.known;
  }

  /** Set once the contract is loaded. */
  knowOperations(operationIds: Iterable<string>): void {
    this.known = new Set(operationIds);
  }

  /** The number of the next request to arrive. */
  nextSeq(): number {
    return ++this.sequence;
  }

  /** Goes up on every entry recorded and every clear: for change feeds (one number to compare). */
  get revision(): number {
    return this.changes;
  }

  record(entry: Exchange): void {
    if (this.capacity === 0) return;
    this.changes++;
    if (this.held === this.capacity) this.dropped++;
    else this.held++;
    this.ring[this.next] = (this.ring[this.next] ?? new Slot()).fill(entry);
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    this.recorded++;
  }

  /**
   * The requests that pass the filter, in the order they arrived. Throws `RequestFilterError` for a
   * bad filter, and an Error when the journal is off (an empty answer would pass any `not` check).
   */
  requests(filter: RequestFilter = {}): RecordedRequest[] {
    return this.matching(filter).map(toRecordedRequest);
  }

  count(filter: RequestFilter = {}): number {
    return this.matching(filter).length;
  }

  /** The requests no operation took, each with its near miss. */
  unmatched(): RecordedRequest[] {
    return this.requests({ unmatched: true });
  }

  /** Forgets every entry; returns how many there were. */
  clear(): number {
    this.changes++;
    const cleared = this.held;
    this.ring.fill(undefined);
    this.next = 0;
    this.held = 0;
    this.dropped = 0;
    return cleared;
  }

  /**
   * The newest `limit` requests that pass the filter, newest first. It walks back from the newest
   * entry and stops at `limit`, so reading the top of a full journal costs what it returns.
   */
  newest(limit: number, filter: RequestFilter = {}): RecordedRequest[] {
    const test = compileFilter(filter, this.known);
    const found: Slot[] = [];
    for (let k = 1; k <= this.held && found.length < limit; k++) {
      const entry = this.ring[(this.next - k + this.capacity) % this.capacity]!;
      if (test(entry)) found.push(entry);
    }
    return found.sort((a, b) => b.seq - a.seq).map(toRecordedRequest);
  }

  stats(): JournalStats {
    return { capacity: this.capacity, held: this.held, dropped: this.dropped, recorded: this.recorded };
  }

  private matching(filter: RequestFilter): Slot[] {
    const test = compileFilter(filter, this.known);
    if (this.capacity === 0)
      throw new Error(
        'The request journal is off (journalSize 0, --journal-size 0): start the mock with a journal to read it.',
      );
    const found: Slot[] = [];
    const oldest = this.held === this.capacity ? this.next : 0;
    for (let k = 0; k < this.held; k++) {
      const entry = this.ring[(oldest + k) % this.capacity]!;
      if (test(entry)) found.push(entry);
    }
    // entries are held in the order they finished; a delayed answer finishes after later arrivals
    return found.sort((a, b) => a.seq - b.seq);
  }
}
