/** A pact file that cannot be used: unreadable, not JSON, unknown version, malformed. One line; the CLI exits 2. */
export class PactFileError extends Error {
  override readonly name = 'PactFileError';
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
  }
}
