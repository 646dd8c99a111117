const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Epoch ms of an ISO-8601 instant with a zone (`2026-01-15T12:00:00Z`, `2026-01-15T13:00+01:00`),
 * or undefined for anything else, including dates that do not exist (`2026-02-30`) and instants
 * without a zone (whose meaning would depend on the machine's time zone).
 *
 * @example
 * parseInstant('2026-01-15T12:00:00Z'); // 1768478400000
 * parseInstant('2026-01-15'); // undefined
 */
export function parseInstant(text: string): number | undefined {
  const found = ISO_INSTANT.exec(text.trim());
  if (!found) return undefined;
  const [year, month, day, hour, minute, second, zoneHour, zoneMinute] = found.slice(1).map((n) => Number(n ?? 0));
  const calendarDay = new Date(Date.UTC(year!, month! - 1, day!));
  if (calendarDay.getUTCMonth() !== month! - 1 || calendarDay.getUTCDate() !== day!) return undefined;
  if (hour! > 23 || minute! > 59 || second! > 59 || zoneHour! > 23 || zoneMinute! > 59) return undefined;
  const ms = Date.parse(text.trim());
  return Number.isNaN(ms) ? undefined : ms;
}
