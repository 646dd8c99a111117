import type { ResponseData, TransportFault } from './exchange.js';

/**
 * A request exactly as the transport sent it: the full URL (query and token included), the headers
 * and the form body. It holds the token in clear: whoever observes it (a recorder) must redact it
 * at once.
 */
export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** One round trip as it went over the wire, for a recorder (HAR) to keep. */
export interface WireExchange {
  /** When the request started (ISO 8601). */
  readonly startedDateTime: string;
  /** Milliseconds from the request's start to the answer's end. */
  readonly time: number;
  readonly request: WireRequest;
  readonly response: ResponseData | undefined;
  readonly fault: TransportFault | undefined;
}
