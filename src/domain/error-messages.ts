/**
 * The message ArcGIS Enterprise sends with each error code when nothing more specific applies: the
 * one table the mock's refusals and the fixtures' envelopes share. The spec's examples hold the same
 * texts for 403, 498, 499 and 500 (test/domain/error-messages.test.ts); 400 and 404 are documented
 * only with specific texts ("Task '...' does not exist."), and these are the generic ones the mock
 * has always answered.
 */
export const ERROR_MESSAGES = {
  400: 'Unable to complete operation.',
  403: 'You do not have permissions to access this resource or perform this operation.',
  404: 'Resource does not exist.',
  405: 'Method not supported.',
  408: 'Request timed out.',
  413: 'Request entity too large.',
  414: 'Request-URI too long.',
  431: 'Request header fields too large.',
  498: 'Invalid token.',
  499: 'Token Required.',
  500: 'An internal error occurred while processing the request.',
} as const satisfies Readonly<Record<number, string>>;

/** A code the table names. */
export type KnownErrorCode = keyof typeof ERROR_MESSAGES;

/** The generic message of a code, if the table names it. */
export function errorMessageOf(code: number): string | undefined {
  return Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code as KnownErrorCode] : undefined;
}
