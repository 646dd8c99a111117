/** Essences by content type: requests repeat a few, and the declared ones are matched per request. Bounded. */
const essences = new Map<string, string>();

/** `application/json; charset=utf-8` -> `application/json`. */
export function essence(contentType: string): string {
  let found = essences.get(contentType);
  if (found === undefined) {
    found = (contentType.split(';')[0] ?? '').trim().toLowerCase();
    if (essences.size >= 256) essences.clear();
    essences.set(contentType, found);
  }
  return found;
}

/** The declared media type that covers `actual` (exact first, then `type/*`, then `*\/*`). */
export function matchMediaType(declared: Iterable<string>, actual: string): string | undefined {
  const wanted = essence(actual);
  const list = [...declared];
  return (
    list.find((d) => essence(d) === wanted) ??
    list.find((d) => essence(d) === `${wanted.split('/')[0]}/*`) ??
    list.find((d) => essence(d) === '*/*')
  );
}
