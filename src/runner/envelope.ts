import { detectErrorEnvelope, type DetectedError } from '../validation/envelope.js';

/** The fields of a server-admin error envelope; a body with others is a document, not an error. */
const ADMIN_ENVELOPE_FIELDS = new Set(['status', 'messages', 'code', 'messageCode']);

/**
 * `detectErrorEnvelope`, minus its one false alarm here: a Run whose `status` is `failed` is a
 * document, not a server-admin error (`{"status": "failed", ...}` is an error to ArcGIS REST JS).
 *
 * @example errorEnvelopeOf({ runId: '3e9d...', status: 'failed', task: {...} }) // undefined
 */
export function errorEnvelopeOf(body: unknown): DetectedError | undefined {
  const found = detectErrorEnvelope(body);
  if (found?.kind === 'admin' && Object.keys(body as object).some((key) => !ADMIN_ENVELOPE_FIELDS.has(key))) return undefined;
  return found;
}
