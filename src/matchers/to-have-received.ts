import { readerOf } from './journal-source.js';
import { droppedNote, hint, listed, type MatcherContext, type MatcherResult, times } from './message.js';
import { checkReceivedOptions, describeExpectation, type ReceivedOptions, shortfalls } from './received-options.js';

/**
 * Passes when the mock received `operationId` (with the options' task, method, token transport,
 * status, fields...) at least once, or exactly `times` times. Its failure message lists what the
 * mock received instead: the same operation with what differed, then the unmatched requests with
 * their near misses, then the other requests.
 *
 * @example
 * expect(mock).toHaveReceived('disableTask', { taskId, times: 1, token: 'form' });
 * expect(mock).not.toHaveReceived('deleteTask');
 */
export function toHaveReceived(
  this: MatcherContext,
  received: unknown,
  operationId: string,
  options: ReceivedOptions = {},
): MatcherResult {
  if (typeof operationId !== 'string')
    throw new TypeError('toHaveReceived: the first argument is an operationId such as "disableTask".');
  checkReceivedOptions(options);
  const reader = readerOf(received);
  const { times: wanted, taskId, method, since } = options;
  const filter = {
    operationId,
    ...(taskId === undefined ? {} : { taskId }),
    ...(method === undefined ? {} : { method }),
    ...(since === undefined ? {} : { since }),
  };
  const candidates = reader.requests(filter);
  const matching = candidates.filter((entry) => shortfalls(entry, options).length === 0);
  const count = matching.length;
  const pass = wanted === undefined ? count > 0 : count === wanted;
  const expectation = describeExpectation(operationId, options);
  const quantity = wanted === undefined ? 'at least once' : `exactly ${times(wanted)}`;
  const message = () => {
    const head = hint(this, 'toHaveReceived', 'operationId, options');
    if (pass && this.isNot)
      return `${head}\n\nExpected the mock not to have received ${expectation}${wanted === undefined ? '' : ` ${quantity}`}, but it received it ${times(count)}.${listed('Received', matching)}`;
    const all = reader.requests();
    const differing = candidates.filter((entry) => !matching.includes(entry));
    const others = all.filter((entry) => entry.operationId !== operationId && !entry.unmatched);
    return (
      `${head}\n\nExpected the mock to have received ${expectation} ${quantity}, but it received it ${times(count)}.` +
      listed('Received', matching) +
      listed(`${operationId} requests that differed`, differing, (e) => ` [${shortfalls(e, options).join(', ')}]`) +
      listed(
        'Unmatched requests (near misses)',
        all.filter((entry) => entry.unmatched),
      ) +
      listed('Other requests', others) +
      (all.length === 0 ? '\n\nThe mock received no request at all.' : '') +
      droppedNote(reader)
    );
  };
  return { pass, message };
}
