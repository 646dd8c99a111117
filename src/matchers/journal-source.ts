import { Server } from 'node:http';
import { type JournalReader, journalOf } from '../mock/index.js';

/** What `expect(...)` takes for the journal matchers. */
export type JournalSource = JournalReader | { readonly journal: JournalReader } | Server;

function isReader(value: unknown): value is JournalReader {
  const candidate = value as Partial<JournalReader> | null;
  return typeof candidate?.requests === 'function' && typeof candidate.stats === 'function';
}

/**
 * The journal behind what a test passed to `expect`: what `startMockServer` returns, a server made
 * by `createMockServer`, a `RequestJournal`, or what `fetchJournal(url)` read. Throws a TypeError
 * that says what to pass, and an Error when the mock's journal is off (nothing could be verified).
 */
export function readerOf(received: unknown): JournalReader {
  let reader: JournalReader | undefined;
  if (received instanceof Server) reader = journalOf(received);
  else if (isReader(received)) reader = received;
  else if (isReader((received as { journal?: unknown } | null)?.journal))
    reader = (received as { journal: JournalReader }).journal;
  if (!reader)
    throw new TypeError(
      'expect(...) takes what startMockServer() returns, a server from createMockServer(), a RequestJournal or fetchJournal(url).',
    );
  if (reader.stats().capacity === 0)
    throw new Error('The mock was started with its journal off (journalSize 0, --journal-size 0): nothing to verify.');
  return reader;
}
