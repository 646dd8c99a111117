/** Why an input was refused: missing, a folder, too large, nested too deep, or not parsable. */
export type InputProblem = 'missing' | 'directory' | 'unreadable' | 'too-large' | 'too-deep' | 'syntax';

/**
 * Input that cannot be taken: `reason` says why in a few words (`no such file`, `larger than 32 MiB`),
 * `message` is one line naming the input. Callers wrap it into their own error (SpecLoadError,
 * FixtureDirectoryError...) or let the CLI print it (exit 2).
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    readonly problem: InputProblem,
    readonly reason: string,
  ) {
    super(message);
  }
}
