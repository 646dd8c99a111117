import cronstrue from 'cronstrue';

const cache = new Map<string, string>();

/**
 * A Quartz cron expression in English words, UTC (`0 0 4 ? * 7` -> "At 04:00, only on Saturday"),
 * or undefined when it is not one cronstrue can read. Quartz counts weekdays 1-7 from Sunday.
 * Cached per expression: the dashboard asks again on every refresh.
 */
export function scheduleInWords(expression: unknown): string | undefined {
  if (typeof expression !== 'string') return undefined;
  let words = cache.get(expression);
  if (words === undefined) {
    try {
      words = cronstrue.toString(expression, {
        use24HourTimeFormat: true,
        dayOfWeekStartIndexZero: false,
        throwExceptionOnParseError: true,
      });
    } catch {
      words = '';
    }
    if (cache.size >= 1000) cache.clear(); // task documents may hold any text
    cache.set(expression, words);
  }
  return words === '' ? undefined : `${words} (UTC)`;
}
