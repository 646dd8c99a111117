/** `application/json; charset=utf-8` -> `application/json`. */
export function essence(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
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
