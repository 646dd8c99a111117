import { addDuration, parseInstant } from './iso.js';

/**
 * Where the mock's clock starts: `'real'` follows the machine's clock (test code may still move it);
 * an ISO-8601 instant or epoch milliseconds starts it frozen there.
 */
export type ClockSetting = 'real' | string | number;

/** What `GET /__mock/clock` answers. */
export interface ClockReading {
  readonly now: string;
  readonly epochMs: number;
  readonly frozen: boolean;
}

type Listener = (now: number) => void;

/**
 * The one clock of a mock: every `created`, `updated`, `lastStart`, token expiry and run time reads
 * it. Running, it follows its source (the machine's clock) shifted by whatever `set` and `advance`
 * added; frozen, it stands still until told to move. With a fixed seed and a frozen clock, two runs
 * of a test see the same bytes.
 *
 * @example
 * const clock = new MockClock('2025-06-01T00:00:00Z'); // frozen there
 * clock.advance('P7D');                                // a week later; schedules catch up
 * clock.resume();                                      // from now on it runs at the machine's pace
 */
export class MockClock {
  private offset = 0;
  private frozenAt: number | undefined;
  private readonly listeners: Listener[] = [];
  private changes = 0;

  /**
   * @param setting `'real'` (default) or where to start frozen
   * @param source the running clock, epoch ms; default `Date.now` (tests may pass their own)
   */
  constructor(
    setting: ClockSetting = 'real',
    private readonly source: () => number = Date.now,
  ) {
    if (setting !== 'real') this.frozenAt = toEpochMs(setting);
  }

  /** The mock's now, epoch ms. */
  now(): number {
    return this.frozenAt ?? this.source() + this.offset;
  }

  /** Goes up on every set, advance, freeze and resume (not as a running clock runs): for change feeds. */
  get revision(): number {
    return this.changes;
  }

  get isFrozen(): boolean {
    return this.frozenAt !== undefined;
  }

  /** Jumps to an instant (ISO-8601 text, epoch ms or a Date); a running clock keeps running from there. */
  set(instant: string | number | Date): number {
    const target = toEpochMs(instant instanceof Date ? instant.getTime() : instant);
    if (this.frozenAt === undefined) this.offset = target - this.source();
    else this.frozenAt = target;
    return this.changed();
  }

  /** Moves forward by an ISO-8601 duration (`PT6H`, `P7D`, `P1M`) or a number of milliseconds >= 0. */
  advance(by: string | number): number {
    const from = this.now();
    let target: number;
    if (typeof by === 'number') {
      if (!(Number.isFinite(by) && by >= 0))
        throw new RangeError(`advance by a number of milliseconds >= 0, got ${by}`);
      target = from + by;
    } else {
      target = addDuration(from, by);
    }
    inRange(target);
    if (this.frozenAt === undefined) this.offset += target - from;
    else this.frozenAt = target;
    return this.changed();
  }

  /** Stops the clock where it is. */
  freeze(): number {
    this.changes++;
    this.frozenAt ??= this.now();
    return this.frozenAt;
  }

  /** Runs again from where it stands, at the source's pace (no jump to the machine's time). */
  resume(): number {
    this.changes++;
    if (this.frozenAt !== undefined) {
      this.offset = this.frozenAt - this.source();
      this.frozenAt = undefined;
    }
    return this.now();
  }

  read(): ClockReading {
    const epochMs = this.now();
    return { now: new Date(epochMs).toISOString(), epochMs, frozen: this.isFrozen };
  }

  /** Called after every `set` and `advance` (the schedules catch up there). */
  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  private changed(): number {
    this.changes++;
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }
}

/** The last instant the mock's dates can show (formatted dates have four-digit years). */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function inRange(ms: number): number {
  if (!(ms >= 0 && ms <= LAST_INSTANT))
    throw new RangeError(`the clock stays between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z`);
  return ms;
}

function toEpochMs(value: string | number): number {
  return inRange(typeof value === 'number' ? value : parseInstant(value));
}
