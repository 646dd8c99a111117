import { createRequire } from 'node:module';

// ISO-8601 instants and durations, read by Temporal (temporal-polyfill) so that `P1M` is a calendar
// month, `2025-06-01` without a time or offset is refused, and `P1DT` is an error, not a day.
// Loaded on first use: most runs of the mock never parse an instant, and start-up time matters.

type TemporalModule = typeof import('temporal-polyfill');
let temporal: TemporalModule['Temporal'] | undefined;

function Temporal(): TemporalModule['Temporal'] {
  temporal ??= (createRequire(import.meta.url)('temporal-polyfill') as TemporalModule).Temporal;
  return temporal;
}

/**
 * Epoch milliseconds of an ISO-8601 instant with a UTC offset (`2025-06-01T04:00:00Z`,
 * `2025-06-01T06:00:00+02:00`); throws a RangeError that says what to send otherwise.
 * @example parseInstant('2025-06-01T00:00:00Z') // 1748736000000
 */
export function parseInstant(text: string): number {
  try {
    return Temporal().Instant.from(text.trim()).epochMilliseconds;
  } catch {
    throw new RangeError(
      `"${text}" is not an ISO-8601 instant with a UTC offset, such as 2025-06-01T04:00:00Z or 2025-06-01T06:00:00+02:00`,
    );
  }
}

/**
 * The instant `duration` (ISO-8601, such as `PT6H`, `P7D`, `P1M`) after `fromMs`, counted in UTC (a
 * month or a year is a calendar one; weeks, days and times are fixed lengths). Throws a RangeError for
 * text that is not a duration, and for negative ones: the mock's time only moves forward.
 * @example addDuration(Date.UTC(2025, 0, 31), 'P1M') // Date.UTC(2025, 1, 28)
 */
export function addDuration(fromMs: number, duration: string): number {
  let parsed: ReturnType<TemporalModule['Temporal']['Duration']['from']>;
  try {
    parsed = Temporal().Duration.from(duration.trim());
  } catch {
    throw new RangeError(`"${duration}" is not an ISO-8601 duration such as PT30M, PT6H, P1D, P7D or P1M`);
  }
  if (parsed.sign < 0) throw new RangeError(`"${duration}" is negative: the clock only advances forward`);
  return Temporal().Instant.fromEpochMilliseconds(fromMs).toZonedDateTimeISO('UTC').add(parsed).epochMilliseconds;
}
