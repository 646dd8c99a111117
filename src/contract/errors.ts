/**
 * A spec that cannot be used: missing, unparsable, or not OpenAPI 3.1.
 * Its message is one line that tells the user what to fix; the CLI prints it and exits 2.
 */
export class SpecLoadError extends Error {
  override readonly name = 'SpecLoadError';
  constructor(
    message: string,
    readonly specPath: string,
  ) {
    super(message);
  }
}
