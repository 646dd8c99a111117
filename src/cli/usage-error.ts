/**
 * A mistake the user can fix (bad flag, bad value, unreadable input). The CLI prints its message,
 * one line, and exits with code 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  unreachable: 3,
  /** A fault of the tool itself (EX_SOFTWARE): one line, the stack with --debug or DEBUG=1. */
  internal: 70,
} as const;
