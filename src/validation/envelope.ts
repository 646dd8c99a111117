/** Which ArcGIS error envelope a body is, if any. */
export type ErrorEnvelopeKind = 'portal' | 'admin';

export interface DetectedError {
  readonly kind: ErrorEnvelopeKind;
  /** The code in the envelope, when it has a numeric one. */
  readonly code: number | undefined;
  readonly messages: readonly string[];
}

/** The fields of a server-admin error envelope. */
const ADMIN_ENVELOPE_FIELDS = new Set(['status', 'messages', 'code', 'messageCode', 'details']);

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Detects an ArcGIS error envelope, whatever the HTTP status: the portal style `{"error": {...}}`
 * or the server-admin style `{"status": "error", ...}`, or `{"status": "failed", ...}` with no other
 * fields than an envelope's (ArcGIS REST JS treats both as errors; a Run whose status is `failed` is
 * not one). Returns undefined for a body that is not an error.
 */
export function detectErrorEnvelope(body: unknown): DetectedError | undefined {
  const record = asRecord(body);
  if (!record) return undefined;
  const portal = asRecord(record['error']);
  if (portal) {
    const details = Array.isArray(portal['details']) ? portal['details'].map(String) : [];
    const message = typeof portal['message'] === 'string' ? [portal['message']] : [];
    return {
      kind: 'portal',
      code: typeof portal['code'] === 'number' ? portal['code'] : undefined,
      messages: [...message, ...details],
    };
  }
  // `failed` is also a run's status: a body with fields beyond the envelope's is that document
  const status = record['status'];
  const envelopeOnly = () => Object.keys(record).every((key) => ADMIN_ENVELOPE_FIELDS.has(key));
  if (status === 'error' || (status === 'failed' && envelopeOnly())) {
    const messages = Array.isArray(record['messages']) ? record['messages'].map(String) : [];
    return { kind: 'admin', code: typeof record['code'] === 'number' ? record['code'] : undefined, messages };
  }
  return undefined;
}
