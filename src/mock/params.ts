/** Request parameters (query string or form body); the first occurrence of a name wins, as in a Java servlet. */
export type Params = Map<string, string>;

function decode(part: string): string {
  const plusFree = part.indexOf('+') === -1 ? part : part.replace(/\+/g, ' ');
  return plusFree.indexOf('%') === -1 ? plusFree : decodeURIComponent(plusFree);
}

/**
 * Parses `a=1&b=two+words` (a query string or an `application/x-www-form-urlencoded` body) into
 * `into`. Returns false when a %-escape is malformed, so the caller can answer 400. Names already
 * in `into` keep their value, and are pushed to `repeats` when it is given.
 *
 * @example
 * const params: Params = new Map();
 * parseParams('f=json&token=abc', params); // true; params.get('f') === 'json'
 */
export function parseParams(text: string, into: Params, repeats?: string[]): boolean {
  if (text === '') return true;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    if (end > start) {
      const pair = text.slice(start, end);
      const eq = pair.indexOf('=');
      try {
        const name = decode(eq === -1 ? pair : pair.slice(0, eq));
        const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
        if (!into.has(name)) into.set(name, value);
        else repeats?.push(name);
      } catch {
        return false;
      }
    }
    start = end + 1;
  }
  return true;
}

/**
 * Like `parseParams`, for a record of what was sent: a malformed %-escape leaves that name or value
 * as sent instead of failing the whole text.
 */
export function parseParamsLeniently(text: string, into: Params = new Map()): Params {
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const lenient = (part: string) => {
      try {
        return decode(part);
      } catch {
        return part;
      }
    };
    const name = lenient(eq === -1 ? pair : pair.slice(0, eq));
    if (!into.has(name)) into.set(name, eq === -1 ? '' : lenient(pair.slice(eq + 1)));
  }
  return into;
}
