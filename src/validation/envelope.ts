/** Which ArcGIS error envelope a body is, if any. */
export type ErrorEnvelopeKind = 'portal' | 'admin';

export interface DetectedError {
  readonly kind: ErrorEnvelopeKind;
  /** The code in the envelope, when it has a numeric one. */
  readonly code: number | undefined;
  readonly messages: readonly string[];
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Detects an ArcGIS error envelope, whatever the HTTP status: the portal style `{"error": {...}}`
 * or the server-admin style `{"status": "error" | "failed", ...}` (ArcGIS REST JS treats both as
 * errors). Returns undefined for a body that is not an error.
 */
export function detectErrorEnvelope(body: unknown): DetectedError | undefined {
  const record = asRecord(body);
  if (!record) return undefined;
  const portal = asRecord(record['error']);
  if (portal) {
    const details = Array.isArray(portal['details']) ? portal['details'].map(String) : [];
    const message = typeof portal['message'] === 'string' ? [portal['message']] : [];
    return { kind: 'portal', code: typeof portal['code'] === 'number' ? portal['code'] : undefined, messages: [...message, ...details] };
  }
  if (record['status'] === 'error' || record['status'] === 'failed') {
    const messages = Array.isArray(record['messages']) ? record['messages'].map(String) : [];
    return { kind: 'admin', code: typeof record['code'] === 'number' ? record['code'] : undefined, messages };
  }
  return undefined;
}
