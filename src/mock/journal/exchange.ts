import { type IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from '../params.js';
import type { Steering } from '../steering.js';
import type { AppliedFault, Difference, NearMiss, TokenTransport } from './recorded-request.js';

const NONE: Readonly<Record<string, string>> = Object.freeze({});

/** The request while the mock works on it: what finishing needs to record it, then let go. */
export interface LiveRequest {
  readonly req: IncomingMessage | undefined;
  /** performance.now() at arrival. */
  readonly startedAt: number;
  readonly queryText: string | undefined;
  /** The form body as text (what the journal records the form from). */
  bodyText: string | undefined;
  /** Query and form together, once parsed (the form wins). */
  params: Params | undefined;
  /** The form body alone, once parsed. */
  formParams: Params | undefined;
  /** The token and where it travelled, once the parameters are read (parsed once, by the read stage). */
  presented: { readonly token: string | undefined; readonly transport: TokenTransport } | undefined;
}

/** What the pipeline knew of the request when it was routed (the near miss is worked out from it). */
export type RouteOutcome = 'operation' | 'other' | 'none';

/**
 * One request on its way through the pipeline, then, once finished, its journal entry. The
 * pipeline fills in what it learns (operation, steering, fault, status); `finish` masks the
 * secrets and drops the references to the live request, so an entry holds nothing else.
 */
export class Exchange {
  operationId: string | null = null;
  pathParams: Readonly<Record<string, string>> = NONE;
  route: RouteOutcome = 'none';
  /** Why the request never reached an operation's handler, when a client mistake stopped it. */
  refusal: Difference | null = null;
  steering: Steering | null = null;
  fault: AppliedFault | null = null;
  delayMs = 0;
  status: number | null = null;
  errorCode: number | null = null;
  errorMessage: string | null = null;

  // Set when finished.
  query: Readonly<Record<string, string>> = NONE;
  form: Readonly<Record<string, string>> = NONE;
  token: TokenTransport = 'none';
  durationMs = 0;
  unmatched = false;
  nearMiss: NearMiss | null = null;

  /** The live request, until the exchange is finished: then dropped, so an entry holds nothing else. */
  live: LiveRequest | undefined;

  constructor(
    readonly seq: number,
    readonly mockTimeMs: number,
    readonly wallTimeMs: number,
    readonly method: string,
    public path: string,
    live: LiveRequest,
  ) {
    this.live = live;
  }

  get finished(): boolean {
    return this.live === undefined;
  }

  /** The parameters, once parsed: query and form together, the form alone, and the body they came from. */
  parsed(params: Params, form: Params, body: string, presented: LiveRequest['presented']): void {
    if (!this.live) return;
    this.live.presented = presented;
    this.live.params = params;
    this.live.formParams = form;
    this.live.bodyText = body;
  }

  /** The body as it was sent, when it could not be parsed. */
  unparsed(body: string): void {
    if (this.live) this.live.bodyText = body;
  }
}

/** The mock's responses carry the request's exchange, so every exit of the pipeline can finish it. */
export class JournaledResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  exchange: Exchange | undefined = undefined;
}
