import type { IncomingMessage } from 'node:http';

/**
 * One request header, read from `rawHeaders` (`name` in lower case). Reading `req.headers` makes
 * node build the whole header object, which a mock answering tens of thousands of requests a second
 * notices; the hot path needs two or three headers. Repeated headers are joined with ', ', as
 * node does for most.
 */
export function rawHeader(req: IncomingMessage, name: string): string | undefined {
  const raw = req.rawHeaders;
  let found: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i]!;
    if (key.length === name.length && key.toLowerCase() === name)
      found = found === undefined ? raw[i + 1]! : `${found}, ${raw[i + 1]!}`;
  }
  return found;
}
