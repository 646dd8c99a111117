import { readerOf } from './journal-source.js';
import { droppedNote, hint, listed, type MatcherContext, type MatcherResult, times } from './message.js';

/**
 * Passes when every request the mock received was taken by an operation of the contract: none
 * went to an unknown path, with a wrong method, without a token, with a wrong `f`, an unreadable
 * body... Its failure message lists each unmatched request with its near miss.
 *
 * @example
 * afterEach(() => expect(mock).toHaveReceivedNothingUnmatched());
 */
export function toHaveReceivedNothingUnmatched(this: MatcherContext, received: unknown): MatcherResult {
  const reader = readerOf(received);
  const unmatched = reader.requests({ unmatched: true });
  const pass = unmatched.length === 0;
  const message = () => {
    const head = hint(this, 'toHaveReceivedNothingUnmatched', '');
    return pass
      ? `${head}\n\nExpected the mock to have received an unmatched request, but every request was taken by an operation.`
      : `${head}\n\nExpected no unmatched request, but the mock received ${times(unmatched.length).replace('time', 'unmatched request')}.${listed('Unmatched requests (near misses)', unmatched)}${droppedNote(reader)}`;
  };
  return { pass, message };
}
