import type { IncomingMessage } from 'node:http';
import { failure, type MockFailure } from './failure.js';

/** 1 MiB: larger form bodies are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body as text and hands it to `done` (or the refusal), counting bytes as they
 * arrive and giving up at `limit`: a body that is too large is never held in memory. A declared
 * Content-Length over the limit is refused before a byte is read. `done` is called from the stream's
 * own event, not through a promise: an Edit Task POST went on two microtasks later.
 */
export function readBody(
  req: IncomingMessage,
  done: (body: string | MockFailure) => void,
  limit = MAX_BODY_BYTES,
): void {
  const tooLarge = () => failure(413, undefined, [`The request body exceeds ${limit} bytes.`], { transport: true });
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return done(tooLarge());
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (value: string | MockFailure) => {
    if (settled) return;
    settled = true;
    req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onError);
    done(value);
  };
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      chunks.length = 0;
      req.pause();
      settle(tooLarge());
      return;
    }
    chunks.push(chunk);
  };
  // a form comes in one chunk, as a rule: then there is nothing to join
  const onEnd = () =>
    settle(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8'));
  const onError = () => settle(failure(400, undefined, ['The request body could not be read.']));
  req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onError);
}
