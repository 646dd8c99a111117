import { open } from 'node:fs/promises';
import { InputError } from './input-error.js';
import { formatBytes } from './limits.js';

/** What a file is to the user, for messages: `spec`, `pact`, `report`; and the most bytes it may hold. */
export interface FileLimit {
  readonly what: string;
  readonly maxBytes: number;
}

function reasonOf(error: NodeJS.ErrnoException): { problem: 'missing' | 'directory' | 'unreadable'; reason: string } {
  if (error.code === 'ENOENT') return { problem: 'missing', reason: 'no such file' };
  if (error.code === 'EISDIR') return { problem: 'directory', reason: 'it is a directory' };
  return { problem: 'unreadable', reason: (error.code ?? error.message).split('\n')[0] ?? 'unreadable' };
}

/**
 * Reads a text file the user named, refusing it in one line (`InputError`) when it is missing, a
 * folder, or larger than `limit.maxBytes`: the size is checked before reading, and no more than the
 * limit is ever read (files such as /proc ones report no size).
 *
 * @example const text = await readTextFile('pacts/a.json', { what: 'pact', maxBytes: INPUT_LIMITS.pactBytes.value });
 */
export async function readTextFile(path: string, limit: FileLimit): Promise<string> {
  const fail = (problem: InputError['problem'], reason: string) =>
    new InputError(`cannot read ${limit.what} ${path}: ${reason}`, problem, reason);
  const tooLarge = () =>
    fail('too-large', `it is larger than ${formatBytes(limit.maxBytes)}, the limit for a ${limit.what} file`);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const { problem, reason } = reasonOf(error as NodeJS.ErrnoException);
    throw fail(problem, reason);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw fail('directory', 'it is a directory');
    if (info.size > limit.maxBytes) throw tooLarge();
    // one byte past the limit tells a file that grew, or reports no size, from one that fits
    const buffer = Buffer.allocUnsafe(Math.min(limit.maxBytes + 1, Math.max(info.size + 1, 64 * 1024)));
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        if (filled > limit.maxBytes) throw tooLarge();
        return readRest(handle, buffer, limit, tooLarge);
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) return buffer.toString('utf8', 0, filled);
      filled += bytesRead;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const { problem, reason } = reasonOf(error as NodeJS.ErrnoException);
    throw fail(problem, reason);
  } finally {
    await handle.close();
  }
}

/** A file whose stat size was short (it grew, or is a /proc file): read on in chunks, up to the limit. */
async function readRest(
  handle: Awaited<ReturnType<typeof open>>,
  first: Buffer,
  limit: FileLimit,
  tooLarge: () => InputError,
): Promise<string> {
  const chunks = [first];
  let total = first.length;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total).toString('utf8');
    total += bytesRead;
    if (total > limit.maxBytes) throw tooLarge();
    chunks.push(chunk.subarray(0, bytesRead));
  }
}
