import type { IncomingMessage } from 'node:http';
import type { TokenPlacements } from '../../contract/tokens.js';
import type { ControlServices } from '../control/table.js';
import type { ErrorStatusMode } from '../failure.js';
import type { ResponseFormat } from '../format.js';
import type { MockServices } from '../handlers.js';
import type { Exchange, JournaledResponse } from '../journal/exchange.js';
import type { Recorder } from '../journal/recorder.js';
import type { LateFormValidators } from '../late-validators.js';
import type { Params } from '../params.js';
import type { Route, Router } from '../router.js';
import type { SeededRandom } from '../seeded-random.js';
import type { PresentedToken } from '../token-transport.js';

/** What the stages work with; built once when the server starts (the form validators on the first POST). */
export interface PipelineConfig {
  readonly router: Router;
  /** Where the contract's security schemes put the token (`contract.tokens`). */
  readonly tokens: TokenPlacements;
  readonly services: MockServices;
  /** Compiled on the first POST, which waits for them (every form the mock checks comes by POST). */
  readonly forms: LateFormValidators;
  readonly control: ControlServices;
  readonly errorStatus: ErrorStatusMode;
  readonly adminRoot: string;
  /** `currentVersion` at the admin root. */
  readonly siteVersion: string;
  readonly latency: { min: number; max: number } | undefined;
  readonly faultRate: number;
  /** Seeded streams for `--latency` and `--fault-rate`. */
  readonly chaos: SeededRandom;
  /** Records each request (beside the stages: handlers never see it). */
  readonly recorder: Recorder;
  /** When set, every control request must carry it (`X-Mock-Control-Token` or `Authorization: Bearer`). */
  readonly controlToken: string | undefined;
}

/** The form of a request without a body; never written to. */
export const NO_PARAMS: Params = new Map();

/**
 * One request on its way through the stages: each stage fills in what it learnt. The journal's
 * entry in the making (`exchange`) rides along; only the respond stage finishes it.
 */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: JournaledResponse;
  readonly exchange: Exchange | undefined;
  /** HEAD is read as GET. */
  readonly method: string;
  readonly path: string;
  /** '' when there is none, or when the URL is over the limit. */
  readonly query: string;
  route: Route;
  /** Query and form together (the form wins), once read. */
  params: Params;
  /** The form body alone. */
  form: Params;
  format: ResponseFormat | undefined;
  /** The token the request carries, parsed once when the parameters are read. */
  token: PresentedToken;
  /** Field names sent more than once (the first value counts); control endpoints refuse them. */
  repeated: string | undefined;
}
