import type { OperationModel } from '../../contract/model.js';
import type { ResourceKind } from '../../contract/roles.js';
import type { ApiMap } from '../api-map.js';
import type { ErrorProbe, ExchangeContext, Purpose } from '../checks/types.js';
import type { Shard } from '../shard.js';
import type { WriteCaseNote } from './write-case.js';

/** What a request of a verify run may carry besides its operation and purpose. */
export interface SendExtras {
  readonly expectedTask?: unknown;
  readonly expect?: Record<string, unknown>;
  readonly form?: Record<string, string>;
  readonly secretFields?: string[];
  /** False: send only, run no checks on the answer. */
  readonly judge?: boolean;
  /** For `error-path` requests: what the probe asks for. */
  readonly probe?: ErrorProbe;
  /** For write cases: the case the request belongs to. */
  readonly writeCase?: WriteCaseNote;
}

/** What the write probes need of a verify run (VerifyRun implements it). */
export interface ProbeDriver {
  readonly api: ApiMap;
  readonly shard: Shard;
  readonly sentSecrets: string[];
  send(
    kind: ResourceKind | 'write',
    operation: OperationModel,
    params: Record<string, string>,
    purpose: Purpose,
    format: string,
    extra?: SendExtras,
  ): Promise<ExchangeContext>;
  addSecret(secret: string): void;
}

/** What the write cases need of a verify run beyond the probes. */
export interface WriteCaseDriver extends ProbeDriver {
  /** Runs the exchange checks on an answer sent with `judge: false` (after shrinking). */
  judgeLater(context: ExchangeContext): void;
}
