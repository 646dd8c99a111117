import { Cron, CronPattern } from 'croner';
import type { CronSchedule } from '../shapes/contract-types.js';

// The one place fire times are computed. croner reads the Quartz expression; this file adds what a
// scheduler over long stretches of time needs: counting and listing firings without visiting each one.
// A Quartz expression is a set of times of day (seconds, minutes, hours) on a set of days (day of
// month, month, day of week, year). croner answers "which days", the times of day are arithmetic, so
// counting a year of an hourly task costs one step per matching day (none when every day matches).

const DAY_MS = 86_400_000;
/**
 * Quartz semantics in croner: seconds first, optional year, 1-7 = Sunday-Saturday, always UTC, and
 * Quartz's `start/step` (`0/15`: from 0 every 15), which croner calls sloppy.
 */
const CRONER_OPTIONS = { utcOffset: 0, alternativeWeekdays: true, mode: '6-or-7-parts', sloppyRanges: true } as const;

function flagged(flags: readonly number[], offset = 0): number[] {
  const values: number[] = [];
  flags.forEach((on, i) => {
    if (on) values.push(i + offset);
  });
  return values;
}

/** Quartz allows 1-7 (and SUN-SAT) in the day of week; croner would also read 8 as Sunday. */
function checkDayOfWeek(field: string): void {
  const numbers = field.replace(/#\d+/g, '').match(/\d+/g) ?? [];
  const bad = numbers.find((n) => Number(n) < 1 || Number(n) > 7);
  if (bad !== undefined) throw new RangeError(`day of week ${bad} is not 1-7 (1 = Sunday)`);
}

/**
 * Quartz's rule for the two day fields: exactly one of them is `?`, and the other one decides the day.
 * The one home of the rule: the parser (`QuartzSchedule.parse`), the invariants and the mock's form
 * checks all ask it.
 * @example hasOneDayField({ dayOfMonth: '?', dayOfWeek: '7' }) // true
 */
export function hasOneDayField(schedule: Pick<CronSchedule, 'dayOfMonth' | 'dayOfWeek'>): boolean {
  return (schedule.dayOfMonth.trim() === '?') !== (schedule.dayOfWeek.trim() === '?');
}

/** A field of a schedule, alone in an expression croner reads (the others every value). */
const ALONE: { readonly [F in keyof CronSchedule]: (text: string) => string } = {
  minute: (text) => `0 ${text} * * * ?`,
  hour: (text) => `0 * ${text} * * ?`,
  dayOfMonth: (text) => `0 * * ${text} * ?`,
  month: (text) => `0 * * * ${text} ?`,
  dayOfWeek: (text) => `0 * * ? * ${text}`,
};

/** croner's mark of a weekday that fires in every week of the month (not only the last or the n-th). */
const EVERY_WEEK = new CronPattern(ALONE.dayOfWeek('*'), undefined, CRONER_OPTIONS).dayOfWeek[0];

/**
 * The values one field of a schedule allows, ascending, as croner reads it in Quartz mode (minutes
 * 0-59, hours 0-23, days of month 1-31, months 1-12, days of week 1-7 with 1 = Sunday), or undefined
 * for the forms that name no fixed values (`L`, `LW`, `15W`, `6L`, `6#3`) and for text that is not a field.
 * @example scheduleFieldValues('hour', '*\/6') // [0, 6, 12, 18]
 */
export function scheduleFieldValues(field: keyof CronSchedule, text: string): readonly number[] | undefined {
  const key = `${field} ${text}`;
  if (FIELD_VALUES.has(key)) return FIELD_VALUES.get(key);
  const values = readField(field, text.trim());
  remember(FIELD_VALUES, key, values, 1000);
  return values;
}

function readField(field: keyof CronSchedule, text: string): readonly number[] | undefined {
  if (text === '' || /\s/.test(text)) return undefined;
  let pattern: CronPattern;
  try {
    if (field === 'dayOfWeek') checkDayOfWeek(text);
    pattern = new CronPattern(ALONE[field](text), undefined, CRONER_OPTIONS);
  } catch {
    return undefined;
  }
  switch (field) {
    case 'minute':
      return flagged(pattern.minute);
    case 'hour':
      return flagged(pattern.hour);
    case 'dayOfMonth':
      if (pattern.lastDayOfMonth || pattern.lastWeekday || pattern.nearestWeekdays.some(Boolean)) return undefined;
      return flagged(pattern.day, 1);
    case 'month':
      return flagged(pattern.month, 1);
    case 'dayOfWeek':
      if (pattern.dayOfWeek.some((mark) => mark !== 0 && mark !== EVERY_WEEK)) return undefined;
      return flagged(pattern.dayOfWeek, 1);
  }
}

/**
 * When a Quartz cron expression fires (`sec min hour dayOfMonth month dayOfWeek [year]`, UTC):
 * `?`, `L`, `LW`, `15W`, `6L` (last Friday), `6#3` (third Friday), names, ranges, lists and steps.
 * Every method takes and gives epoch milliseconds; windows are `(after, upTo]`.
 *
 * @example
 * const weekly = QuartzSchedule.parse('0 0 4 ? * 7'); // Saturdays 04:00 UTC
 * weekly.nextFire(Date.UTC(2021, 9, 22)); // 1634961600000, Sat Oct 23 2021 04:00 UTC
 * weekly.countFires(Date.UTC(2021, 9, 1), Date.UTC(2021, 10, 1)); // 5
 */
export class QuartzSchedule {
  /** Offsets of the firing times within a day, ascending. */
  private readonly times: readonly number[];
  /** Which days fire: undefined when every day does. */
  private readonly days: Cron | undefined;
  /**
   * For day sets that depend on the weekday alone (`? * MON-FRI`, no L or #, every month): whether
   * epoch day d fires is `byWeekday[d mod 7]`, asked of croner once per weekday.
   */
  private readonly byWeekday: readonly boolean[] | undefined;

  private constructor(
    readonly expression: string,
    times: readonly number[],
    days: DaySet,
  ) {
    this.times = times;
    this.days = days.cron;
    this.byWeekday = days.byWeekday;
  }

  /**
   * The schedule of an expression; throws a RangeError saying what is wrong when it is not a Quartz
   * expression croner can read. Schedules are cached by expression, their times of day and day sets
   * by their own fields (a croner pattern weighs about 80 KB; generated sites repeat the same few).
   */
  static parse(expression: string): QuartzSchedule {
    const cached = CACHE.get(expression);
    if (cached) return cached;
    const parts = expression.trim().split(/\s+/);
    if (parts.length !== 6 && parts.length !== 7)
      throw new RangeError(`a Quartz expression has 6 or 7 fields, got ${parts.length}`);
    const [, , , dayOfMonth = '', , dayOfWeek = ''] = parts;
    if (!hasOneDayField({ dayOfMonth, dayOfWeek }))
      throw new RangeError('exactly one of day of month and day of week must be "?" (Quartz)');
    checkDayOfWeek(dayOfWeek);
    let schedule: QuartzSchedule;
    try {
      schedule = new QuartzSchedule(parts.join(' '), timesOfDay(parts.slice(0, 3)), daySet(parts.slice(3)));
    } catch (error) {
      throw new RangeError((error as Error).message.replace(/^CronPattern: /, ''));
    }
    remember(CACHE, expression, schedule, 10_000);
    return schedule;
  }

  /** The schedule, or undefined when the expression is not one (see `parse` for why). */
  static tryParse(expression: unknown): QuartzSchedule | undefined {
    if (typeof expression !== 'string') return undefined;
    try {
      return QuartzSchedule.parse(expression);
    } catch {
      return undefined;
    }
  }

  /** How many times it fires on a day that fires. */
  get firesPerDay(): number {
    return this.times.length;
  }

  private dayFires(day: number): boolean {
    if (this.byWeekday) return this.byWeekday[mod7(day)]!;
    return this.days === undefined || this.days.match(new Date(day * DAY_MS));
  }

  /** The first day at or after `day` that fires, or undefined (a year field that has passed). */
  private nextDay(day: number): number | undefined {
    if (this.days === undefined) return day;
    if (this.byWeekday) {
      for (let d = day; d < day + 7; d++) if (this.byWeekday[mod7(d)]) return d;
      return undefined;
    }
    const next = this.days.nextRun(new Date(day * DAY_MS - 1));
    return next ? Math.floor(next.getTime() / DAY_MS) : undefined;
  }

  /** The last day at or before `day` that fires, or undefined. */
  private previousDay(day: number): number | undefined {
    if (this.days === undefined) return day;
    if (this.byWeekday) {
      for (let d = day; d > day - 7; d--) if (this.byWeekday[mod7(d)]) return d;
      return undefined;
    }
    const [previous] = this.days.previousRuns(1, new Date(day * DAY_MS + 1));
    return previous ? Math.floor(previous.getTime() / DAY_MS) : undefined;
  }

  /** How many of the day's times are at or before `offset` ms into the day. */
  private timesUpTo(offset: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when it fires at `epochMs` exactly. */
  firesAt(epochMs: number): boolean {
    if (!Number.isFinite(epochMs)) return false;
    const day = Math.floor(epochMs / DAY_MS);
    const offset = epochMs - day * DAY_MS;
    const i = this.timesUpTo(offset);
    return i > 0 && this.times[i - 1] === offset && this.dayFires(day);
  }

  /** The first firing strictly after `afterMs`, or undefined when it never fires again. */
  nextFire(afterMs: number): number | undefined {
    if (!Number.isFinite(afterMs) || this.times.length === 0) return undefined;
    const first = Math.floor(afterMs / DAY_MS);
    const i = this.timesUpTo(afterMs - first * DAY_MS);
    if (i < this.times.length && this.dayFires(first)) return first * DAY_MS + this.times[i]!;
    const day = this.nextDay(first + 1);
    return day === undefined ? undefined : day * DAY_MS + this.times[0]!;
  }

  /** The last firing at or before `atMs`, or undefined when it never fired before. */
  previousFire(atMs: number): number | undefined {
    if (!Number.isFinite(atMs) || this.times.length === 0) return undefined;
    const last = Math.floor(atMs / DAY_MS);
    const i = this.timesUpTo(atMs - last * DAY_MS);
    if (i > 0 && this.dayFires(last)) return last * DAY_MS + this.times[i - 1]!;
    const day = this.previousDay(last - 1);
    return day === undefined ? undefined : day * DAY_MS + this.times[this.times.length - 1]!;
  }

  /** How many times it fires in `(afterMs, upToMs]`: one step per firing day, none when every day fires. */
  countFires(afterMs: number, upToMs: number): number {
    if (!(upToMs > afterMs) || this.times.length === 0) return 0;
    const firstDay = Math.floor(afterMs / DAY_MS);
    const lastDay = Math.floor(upToMs / DAY_MS);
    const upTo = (day: number, at: number) => (this.dayFires(day) ? this.timesUpTo(at - day * DAY_MS) : 0);
    if (firstDay === lastDay) return upTo(lastDay, upToMs) - upTo(firstDay, afterMs);
    const head = this.dayFires(firstDay) ? this.times.length - this.timesUpTo(afterMs - firstDay * DAY_MS) : 0;
    return head + this.firingDays(firstDay + 1, lastDay - 1) * this.times.length + upTo(lastDay, upToMs);
  }

  /** How many days in `[fromDay, toDay]` fire. */
  private firingDays(fromDay: number, toDay: number): number {
    if (toDay < fromDay) return 0;
    if (this.days === undefined) return toDay - fromDay + 1;
    let count = 0;
    if (this.byWeekday) {
      const weeks = Math.floor((toDay - fromDay + 1) / 7);
      count = weeks * this.byWeekday.filter(Boolean).length;
      for (let day = fromDay + weeks * 7; day <= toDay; day++) if (this.byWeekday[mod7(day)]) count++;
      return count;
    }
    for (let day = this.nextDay(fromDay); day !== undefined && day <= toDay; day = this.nextDay(day + 1)) count++;
    return count;
  }

  /** The `n`-th firing after `afterMs` (n >= 1), one step per firing day; undefined when there is none. */
  nthFire(afterMs: number, n: number): number | undefined {
    if (!(n >= 1) || this.times.length === 0 || !Number.isFinite(afterMs)) return undefined;
    const perDay = this.times.length;
    const firstDay = Math.floor(afterMs / DAY_MS);
    let left = n;
    if (this.dayFires(firstDay)) {
      const i = this.timesUpTo(afterMs - firstDay * DAY_MS);
      if (perDay - i >= left) return firstDay * DAY_MS + this.times[i + left - 1]!;
      left -= perDay - i;
    }
    const whole = Math.floor((left - 1) / perDay); // firing days passed over entirely
    let day: number | undefined;
    if (this.days === undefined) day = firstDay + 1 + whole;
    else {
      day = this.nextDay(firstDay + 1);
      for (let k = 0; k < whole && day !== undefined; k++) day = this.nextDay(day + 1);
    }
    return day === undefined ? undefined : day * DAY_MS + this.times[left - 1 - whole * perDay]!;
  }

  /** Up to `limit` firings in `(afterMs, upToMs]`, the latest first, without visiting the earlier ones. */
  lastFires(afterMs: number, upToMs: number, limit: number): number[] {
    const fires: number[] = [];
    for (let t = this.previousFire(upToMs); t !== undefined && t > afterMs && fires.length < limit; ) {
      fires.push(t);
      t = this.previousFire(t - 1);
    }
    return fires;
  }

  /** Up to `limit` firings in `(afterMs, upToMs]`, the earliest first. */
  firstFires(afterMs: number, upToMs: number, limit: number): number[] {
    const fires: number[] = [];
    for (let t = this.nextFire(afterMs); t !== undefined && t <= upToMs && fires.length < limit; ) {
      fires.push(t);
      t = this.nextFire(t);
    }
    return fires;
  }
}

const CACHE = new Map<string, QuartzSchedule>();
// Generated and real schedules repeat the same few fields; reading them once makes fixtures much faster.
const FIELD_VALUES = new Map<string, readonly number[] | undefined>();
const TIMES = new Map<string, readonly number[]>();
const DAYS = new Map<string, DaySet>();

/** Caches stay bounded: documents under check may hold any text. */
function remember<T>(cache: Map<string, T>, key: string, value: T, max: number): void {
  if (cache.size >= max) cache.clear();
  cache.set(key, value);
}

/** Offsets within a day (ms, ascending) of `second minute hour`. */
function timesOfDay(fields: readonly string[]): readonly number[] {
  const key = fields.join(' ');
  const cached = TIMES.get(key);
  if (cached) return cached;
  const pattern = new CronPattern(`${key} * * ?`, undefined, CRONER_OPTIONS);
  const seconds = flagged(pattern.second);
  const times: number[] = [];
  for (const hour of flagged(pattern.hour))
    for (const minute of flagged(pattern.minute))
      for (const second of seconds) times.push(((hour * 60 + minute) * 60 + second) * 1000);
  remember(TIMES, key, times, 5000);
  return times;
}

/** Which days `dayOfMonth month dayOfWeek [year]` fire. */
interface DaySet {
  readonly cron: Cron | undefined;
  readonly byWeekday: readonly boolean[] | undefined;
}

function daySet(fields: readonly string[]): DaySet {
  const key = fields.join(' ');
  const cached = DAYS.get(key);
  if (cached) return cached;
  const [dayOfMonth, month, dayOfWeek = '', year] = fields;
  let set: DaySet = { cron: undefined, byWeekday: undefined };
  if (!((dayOfMonth === '*' || dayOfWeek === '*') && month === '*' && !year)) {
    const cron = new Cron(`0 0 0 ${key}`, CRONER_OPTIONS);
    const weekdayOnly = dayOfMonth === '?' && month === '*' && !year && !/[L#]/i.test(dayOfWeek);
    set = {
      cron,
      byWeekday: weekdayOnly ? Array.from({ length: 7 }, (_, d) => cron.match(new Date(d * DAY_MS))) : undefined,
    };
  }
  remember(DAYS, key, set, 500);
  return set;
}
const mod7 = (day: number) => ((day % 7) + 7) % 7;
