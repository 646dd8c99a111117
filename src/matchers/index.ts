// Jest and vitest matchers over the mock's request journal: `expect.extend(journalMatchers)`, or
// import `arcgis-tasks-contract/matchers/jest` or `.../vitest`, which extend and declare the types.

import { toHaveReceived } from './to-have-received.js';
import { toHaveReceivedNothingUnmatched } from './to-have-received-nothing-unmatched.js';

export type { JournalSource } from './journal-source.js';
export type { MatcherContext, MatcherResult } from './message.js';
export type { ReceivedOptions } from './received-options.js';
export { toHaveReceived, toHaveReceivedNothingUnmatched };

/**
 * The matchers, for `expect.extend` in jest or vitest.
 *
 * @example
 * import { expect } from '@jest/globals'; // or: import { expect } from 'vitest';
 * import { journalMatchers } from 'arcgis-tasks-contract/matchers';
 * expect.extend(journalMatchers);
 * expect(mock).toHaveReceived('disableTask', { taskId, times: 1 });
 */
export const journalMatchers = { toHaveReceived, toHaveReceivedNothingUnmatched };

/** The matchers' types, for a framework's `Matchers` interface (`R` is what each returns there). */
export interface JournalMatchers<R = unknown> {
  /**
   * The mock received `operationId` at least once, or exactly `options.times` times, with the
   * options' task, method, token transport, status and fields.
   */
  toHaveReceived(operationId: string, options?: import('./received-options.js').ReceivedOptions): R;
  /** Every request the mock received was taken by an operation of the contract. */
  toHaveReceivedNothingUnmatched(): R;
}
