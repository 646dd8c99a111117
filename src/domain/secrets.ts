/**
 * Where this API carries secrets, in one place: every journal, recording, log and report masks
 * what these name, through src/redaction/ (which also says what a mask reads as).
 *
 * - `token`: the query or form parameter of every admin call; `generateToken` answers one.
 * - `password`: `generateToken`'s form field.
 * - `passcode`: a CreateBackup task's parameter; servers store it as `{crypt}` + base64 (see passcode.ts).
 */
export const SECRET_FIELDS = ['token', 'password', 'passcode'] as const;

/** Headers that carry a token or a session: `Authorization: Bearer`, `X-Esri-Authorization: Bearer`, cookies. */
export const SECRET_HEADERS = ['authorization', 'x-esri-authorization', 'cookie', 'set-cookie'] as const;

/**
 * Identifiers that tie a document to one organization and account: recordings replace them with
 * consistent pseudonyms of the same format (`tasks-contract record`, unless `--keep-ids`).
 */
export const IDENTIFYING_FIELDS = ['ownerId', 'orgId'] as const;

const FIELDS = new Set<string>(SECRET_FIELDS);
const HEADERS = new Set<string>(SECRET_HEADERS);

/** True for a query, form or JSON field name whose value is a secret (any case). */
export function isSecretField(name: string): boolean {
  return FIELDS.has(name.toLowerCase());
}

/** True for an HTTP header whose value is a secret (any case). */
export function isSecretHeader(name: string): boolean {
  return HEADERS.has(name.toLowerCase());
}
