import { describeRequest, type JournalReader, type RecordedRequest } from '../mock/index.js';

/** What jest and vitest pass to a matcher as `this` (the parts the journal matchers use). */
export interface MatcherContext {
  readonly isNot?: boolean;
  readonly utils?: {
    matcherHint?(name: string, received?: string, expected?: string, options?: { isNot?: boolean }): string;
  };
}

/** What a matcher returns to jest and vitest. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/** Lines listed under a heading in a failure message, at most this many. */
const SHOWN = 10;

/** `expect(mock).toHaveReceived(operationId)`, as the framework prints it. */
export function hint(context: MatcherContext, name: string, expected: string): string {
  const matcherHint = context.utils?.matcherHint;
  return matcherHint
    ? matcherHint(name, 'mock', expected, { isNot: context.isNot ?? false })
    : `expect(mock).${context.isNot ? 'not.' : ''}${name}(${expected})`;
}

/** A heading and the newest requests under it, one line each. */
export function listed(heading: string, entries: readonly RecordedRequest[], extra?: (e: RecordedRequest) => string) {
  if (entries.length === 0) return '';
  const shown = entries.slice(-SHOWN);
  const more = entries.length > SHOWN ? `\n  ... and ${entries.length - SHOWN} earlier` : '';
  const lines = shown.map((e) => `  ${describeRequest(e)}${extra ? extra(e) : ''}`).join('\n');
  return `\n\n${heading}:${more}\n${lines}`;
}

/** A note when the journal no longer holds every request the mock received. */
export function droppedNote(reader: JournalReader): string {
  const { dropped, capacity } = reader.stats();
  return dropped > 0
    ? `\n\nThe journal keeps the last ${capacity} requests and dropped ${dropped} older ones: raise journalSize (--journal-size) or clear it between tests.`
    : '';
}

export const times = (n: number) => `${n} ${n === 1 ? 'time' : 'times'}`;
