import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { QuartzSchedule, scheduleFieldValues, schedulePeriod } from '../../src/domain/index.js';
import type { CronSchedule } from '../../src/shapes/contract-types.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** Independent of croner: does a Quartz expression (second 0, no L/W/#) fire at this minute? */
function bruteFires(fields: { minute: number[]; hour: number[]; dom?: number[]; dow?: number[] }, t: number): boolean {
  const d = new Date(t);
  if (d.getUTCSeconds() !== 0 || d.getUTCMilliseconds() !== 0) return false;
  if (!fields.minute.includes(d.getUTCMinutes()) || !fields.hour.includes(d.getUTCHours())) return false;
  if (fields.dom) return fields.dom.includes(d.getUTCDate());
  return fields.dow!.includes(d.getUTCDay() + 1); // Quartz: 1 = Sunday
}

describe('QuartzSchedule (croner in Quartz mode, UTC)', () => {
  it("reads the seed's weekly CreateBackup '0 0 4 ? * 7' as Saturdays 04:00 UTC", () => {
    const weekly = QuartzSchedule.parse('0 0 4 ? * 7');
    const fires = weekly.firstFires(at('2021-10-22T00:00:00Z'), at('2021-11-30T00:00:00Z'), 10);
    expect(fires.map(iso)).toEqual([
      '2021-10-23T04:00:00.000Z',
      '2021-10-30T04:00:00.000Z',
      '2021-11-06T04:00:00.000Z',
      '2021-11-13T04:00:00.000Z',
      '2021-11-20T04:00:00.000Z',
      '2021-11-27T04:00:00.000Z',
    ]);
    for (const t of fires) expect(new Date(t).getUTCDay()).toBe(6);
    // the sample: startDate = lastStart = 1634961600000, the first Saturday after creation
    expect(weekly.nextFire(1634933908445)).toBe(1634961600000);
    expect(QuartzSchedule.parse('0 0 4 ? * SAT').firstFires(0, 30 * DAY, 5)).toEqual(weekly.firstFires(0, 30 * DAY, 5));
    expect(new Date(QuartzSchedule.parse('0 0 4 ? * 1').nextFire(0)!).getUTCDay()).toBe(0); // 1 = Sunday
  });

  it('honours L, LW, W, 6L and 6#3 as Quartz does', () => {
    const from = at('2021-10-01T00:00:00Z');
    const first = (expr: string) => iso(QuartzSchedule.parse(expr).nextFire(from));
    expect(first('0 0 4 L * ?')).toBe('2021-10-31T04:00:00.000Z');
    expect(first('0 0 4 LW * ?')).toBe('2021-10-29T04:00:00.000Z'); // the 31st is a Sunday
    expect(first('0 0 4 16W * ?')).toBe('2021-10-15T04:00:00.000Z'); // the 16th is a Saturday
    expect(first('0 0 4 ? * 6L')).toBe('2021-10-29T04:00:00.000Z'); // last Friday
    expect(first('0 0 4 ? * 6#3')).toBe('2021-10-15T04:00:00.000Z'); // third Friday
    expect(first('0 0 4 ? * MON-FRI')).toBe('2021-10-01T04:00:00.000Z');
    expect(first('0 0 4 * * ? 2022')).toBe('2022-01-01T04:00:00.000Z');
    expect(QuartzSchedule.parse('0 0 4 * * ? 2020').nextFire(from)).toBeUndefined();
  });

  it('refuses what Quartz refuses, saying why', () => {
    expect(() => QuartzSchedule.parse('0 0 4 * * 7')).toThrow(/exactly one of day of month and day of week/);
    expect(() => QuartzSchedule.parse('0 0 4 ? * ?')).toThrow(/exactly one/);
    expect(() => QuartzSchedule.parse('0 0 4 ? * 8')).toThrow(/day of week 8 is not 1-7/);
    expect(() => QuartzSchedule.parse('0 0 4 ? * 0')).toThrow(/day of week 0/);
    expect(() => QuartzSchedule.parse('0 4 * * ?')).toThrow(/6 or 7 fields/);
    expect(() => QuartzSchedule.parse('0 61 4 * * ?')).toThrow(RangeError);
    expect(QuartzSchedule.tryParse(42)).toBeUndefined();
  });

  it("reads Quartz's start/step form: '0/15' from 0 every 15 minutes, '5/20' from 5", () => {
    expect(
      QuartzSchedule.parse('0 0/15 * * * ?').firstFires(at('2024-01-01T00:00:30Z'), at('2024-01-01T01:00:00Z'), 9),
    ).toEqual(['00:15', '00:30', '00:45', '01:00'].map((hm) => at(`2024-01-01T${hm}:00Z`)));
    expect(scheduleFieldValues('minute', '5/20')).toEqual([5, 25, 45]);
    expect(scheduleFieldValues('dayOfWeek', 'MON-FRI')).toEqual([2, 3, 4, 5, 6]);
    expect(scheduleFieldValues('dayOfWeek', '6#3')).toBeUndefined();
    expect(scheduleFieldValues('dayOfMonth', 'LW')).toBeUndefined();
    expect(scheduleFieldValues('minute', '1 2')).toBeUndefined();
  });

  it('counts and lists firings without visiting each one, in agreement with stepping one by one', () => {
    const hourly = QuartzSchedule.parse('0 0 * * * ?');
    const year = { after: at('2025-01-01T00:00:00Z'), upTo: at('2026-01-01T00:00:00Z') };
    expect(hourly.countFires(year.after, year.upTo)).toBe(8760);
    expect(hourly.lastFires(year.after, year.upTo, 3).map(iso)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2025-12-31T23:00:00.000Z',
      '2025-12-31T22:00:00.000Z',
    ]);
    const monthly = QuartzSchedule.parse('0 30 2 ? * 6L');
    expect(monthly.countFires(year.after, year.upTo)).toBe(12);
    expect(monthly.countFires(year.after, year.upTo)).toBe(monthly.firstFires(year.after, year.upTo, 100).length);
  });

  it('agrees with a brute-force minute scan on random schedules and windows', () => {
    const values = (max: number, min = 0) => fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        values(59),
        values(23),
        fc.oneof(fc.record({ dom: values(31, 1) }), fc.record({ dow: values(7, 1) })),
        fc.integer({ min: 0, max: 20 * 365 }),
        fc.integer({ min: 0, max: 3 * 1440 }),
        fc.integer({ min: 1, max: 4 * 1440 }),
        (minute, hour, days, startDay, startMinute, lengthMinutes) => {
          const fields = { minute, hour, ...days };
          const expression = `0 ${minute.join(',')} ${hour.join(',')} ${'dom' in days ? days.dom.join(',') : '?'} * ${'dow' in days ? days.dow.join(',') : '?'}`;
          const schedule = QuartzSchedule.parse(expression);
          const after = Date.UTC(2010, 0, 1) + startDay * DAY + startMinute * MINUTE + 30_000;
          const upTo = after + lengthMinutes * MINUTE;
          const expected: number[] = [];
          for (let t = Math.ceil(after / MINUTE) * MINUTE; t <= upTo; t += MINUTE)
            if (bruteFires(fields, t)) expected.push(t);
          expect(schedule.countFires(after, upTo)).toBe(expected.length);
          expect(schedule.firstFires(after, upTo, 10_000)).toEqual(expected);
          expect(schedule.lastFires(after, upTo, 3)).toEqual(expected.slice(-3).reverse());
          for (const t of expected) expect(schedule.firesAt(t)).toBe(true);
          expect(expected.map((_, i) => schedule.nthFire(after, i + 1))).toEqual(expected);
          expect(schedule.firesAt(after)).toBe(false);
        },
      ),
      { numRuns: 150, seed: 9 },
    );
  });
});

describe('schedulePeriod (runIntervalSeconds) on the one parser', () => {
  /** A field: one value, a list, a step from the start (`*\/k`), a start/step (`a/k`) or every value. */
  const field = (min: number, max: number) =>
    fc.oneof(
      fc.integer({ min, max }).map(String),
      fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 4 }).map((v) => v.join(',')),
      fc.integer({ min: 1, max: Math.max(1, Math.floor((max - min) / 2)) }).map((k) => `*/${k}`),
      fc.tuple(fc.integer({ min, max: min + 3 }), fc.integer({ min: 2, max: 6 })).map(([a, k]) => `${a}/${k}`),
      fc.constant('*'),
    );
  // days of month up to 28: a monthly day 29-31 skips the months without it, which no period describes
  const days = fc.oneof(
    fc.record({
      dayOfMonth: fc.oneof(fc.integer({ min: 1, max: 28 }).map(String), fc.constant('*')),
      dayOfWeek: fc.constant('?'),
    }),
    fc.record({ dayOfMonth: fc.constant('?'), dayOfWeek: field(1, 7) }),
  );

  /** True when every field coarser than the finest varying one (minute, hour, day, month) allows every value. */
  function coarserFieldsFireAlways(schedule: CronSchedule): boolean {
    const day = schedule.dayOfMonth === '?' ? 'dayOfWeek' : 'dayOfMonth';
    const order = ['minute', 'hour', day, 'month'] as const;
    const finest = order.findIndex((f) => (scheduleFieldValues(f, schedule[f]) ?? []).length > 1);
    return order.slice(finest + 1).every((f) => schedule[f] === '*');
  }

  it("agrees with croner's enumeration of the firings: regular gaps lie in [min, max], the shortest is the period", () => {
    fc.assert(
      fc.property(
        field(0, 59),
        field(0, 23),
        days,
        fc.oneof(fc.constant('*'), field(1, 12)),
        (minute, hour, day, month) => {
          const schedule: CronSchedule = { minute, hour, month, ...day };
          const period = schedulePeriod(schedule);
          const quartz = QuartzSchedule.parse(`0 ${minute} ${hour} ${day.dayOfMonth} ${month} ${day.dayOfWeek}`);
          const from = Date.UTC(2021, 0, 1);
          const fires = quartz.firstFires(from, from + 6 * 366 * DAY, 400);
          const gaps = fires.slice(1).map((t, i) => (t - fires[i]!) / 1000);
          expect(gaps.length).toBeGreaterThan(1);
          // no two firings are closer than the period says
          expect(Math.min(...gaps)).toBeGreaterThanOrEqual(period.min);
          // where the fields coarser than the deciding one fire always, the period is exact: the shortest
          // gap is the period, and every gap of a regular schedule lies in [min, max] (a month: 28-31 days)
          if (!coarserFieldsFireAlways(schedule)) return;
          if (period.min === period.max) expect(Math.min(...gaps)).toBe(period.seconds);
          if (period.regular)
            for (const gap of gaps) expect([gap, gap >= period.min && gap <= period.max]).toEqual([gap, true]);
        },
      ),
      { numRuns: 300, seed: 18 },
    );
  });
});
