import type { TokenTransport } from '../../contract/tokens.js';
import type { Steering } from '../steering.js';

// where the token came from is named by the contract's token placements (contract/tokens.ts)
export type { TokenTransport };

export const TOKEN_TRANSPORTS: readonly TokenTransport[] = [
  'form',
  'query',
  'x-esri-authorization',
  'authorization',
  'none',
];

/** One way in which an unmatched request differs from the operation it came closest to. */
export interface Difference {
  /** What differed. */
  readonly what:
    | 'path'
    | 'method'
    | 'token'
    | 'f'
    | 'content-type'
    | 'encoding'
    | 'body-size'
    | 'url-length'
    | 'json-depth'
    | 'headers'
    | 'http';
  /** What the operation takes. */
  readonly expected: string;
  /** What the request had. */
  readonly actual: string;
  /** The difference in one sentence. */
  readonly message: string;
}

/** The operation of the contract an unmatched request came closest to, and what differed (as WireMock's near misses). */
export interface NearMiss {
  readonly operationId: string;
  /** Its method, upper case. */
  readonly method: string;
  /** Its full path template, e.g. `/arcgis/admin/system/tasks/{taskId}/disable`. */
  readonly path: string;
  readonly differences: readonly Difference[];
}

/** A fault the mock applied instead of answering: asked for with `Prefer: fault=`, or drawn by `--fault-rate`. */
export interface AppliedFault {
  readonly kind: 'reset' | 'stall' | 'html-500' | 'malformed-json' | 'error-500';
  readonly source: 'prefer' | 'fault-rate';
}

/**
 * One request as the mock's journal recorded it. Secrets are masked when it is recorded: the
 * `token`, `password` and `passcode` fields (also inside JSON text such as createTask's
 * `parameters`) read `********`, and any other copy of their values is masked too.
 */
export interface RecordedRequest {
  /** 1 for the first request the mock received; keeps counting across `clearRequests()`. */
  readonly seq: number;
  /** When it arrived by the mock's clock (what `since` filters on), ISO-8601. */
  readonly mockTime: string;
  /** When it arrived by the wall clock, ISO-8601. */
  readonly wallTime: string;
  /** As sent (HEAD stays HEAD, though it is answered as GET). */
  readonly method: string;
  /** As sent, without the query string (still percent-encoded). */
  readonly path: string;
  /** The operation of the contract that handled it, or null when none did. */
  readonly operationId: string | null;
  /**
   * The path parameters (`taskId`, `runId`) of that operation, or of the operation the path
   * matched when the request was refused before reaching it (no token, a wrong `f`).
   */
  readonly pathParams: Readonly<Record<string, string>>;
  /** Query string fields, decoded; the first occurrence of a name. */
  readonly query: Readonly<Record<string, string>>;
  /** Form body fields, decoded; empty when there was no body or it was not read. */
  readonly form: Readonly<Record<string, string>>;
  readonly token: TokenTransport;
  /** The HTTP status sent; null when no answer was sent (fault reset or stall, client gone first). */
  readonly status: number | null;
  /** The ArcGIS error code of the envelope sent (whatever the HTTP status); null for a success. */
  readonly errorCode: number | null;
  readonly errorMessage: string | null;
  /** What the `Prefer` header asked for, null without one. */
  readonly steering: Steering | null;
  readonly fault: AppliedFault | null;
  /** Delay added before answering: `Prefer: delay=` plus the seeded `--latency`. */
  readonly delayMs: number;
  /** From arrival to the answer handed to the network (or to the fault), in ms. */
  readonly durationMs: number;
  /** True when no operation took the request; see `NearMiss` for why. */
  readonly unmatched: boolean;
  readonly nearMiss: NearMiss | null;
}

/** Which requests to read; every field narrows, none given means all. */
export interface RequestFilter {
  /** Only requests handled by this operation of the contract. */
  readonly operationId?: string;
  /** Only requests whose path names this task. */
  readonly taskId?: string;
  /** Only this HTTP method (any case). */
  readonly method?: string;
  /** Only requests that arrived at or after this instant of the mock's clock: ISO-8601 text, a Date or epoch ms. */
  readonly since?: string | Date | number;
  /** Only unmatched requests (true) or only matched ones (false). */
  readonly unmatched?: boolean;
}
