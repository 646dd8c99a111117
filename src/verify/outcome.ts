import type { Finding, ToolError } from './finding.js';
import type { Shard } from './shard.js';
import type { TallyRow } from './tally.js';
import type { ReleaseMeta } from './writes/release-meta.js';
import type { WriteCaseSummary } from './writes/session.js';

/** What a merged run's metadata says of each shard it was made from. */
export interface MergedShard {
  readonly source: string;
  readonly shard: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly requests: number;
}

/**
 * The sample a run read four ways (f=json and f=pjson, GET and POST): rerun with the same seed and
 * size to read the same resources again.
 */
interface SampleMetadata {
  /** True: every resource was read four ways (`--exhaustive`); seed and size did not matter. */
  readonly exhaustive: boolean;
  readonly seed: number;
  /** Resources per endpoint (`--sample`). */
  readonly size: number;
  /** The sampled tasks' ids (empty when exhaustive). */
  readonly tasks: readonly string[];
}

/** What a verify run did, for the reports. Never holds a token, password or passcode. */
export interface RunMetadata {
  readonly tool: string;
  readonly baseUrl: string;
  readonly spec: string;
  /** `sha256:<hex>` of the spec file (`ContractModel.digest`). */
  readonly specDigest: string;
  /** True when verify started the embedded mock itself. */
  readonly embeddedMock: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly shard: Shard;
  readonly allowWrites: boolean;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly checks: readonly string[];
  /** Requests sent, and how many got an HTTP answer of any kind. */
  readonly requests: number;
  readonly answered: number;
  /** Requests per second over the run's duration (absent in reports of older versions). */
  readonly requestsPerSecond?: number;
  /** The cap on the request rate (`--max-rps`), when one was set. */
  readonly maxRps?: number;
  /** Which resources were read four ways (absent in reports of older versions: every resource). */
  readonly sample?: SampleMetadata;
  readonly tasks: number;
  readonly runs: number;
  /** A field the contract does not know counted as an error (`--strict`), not a warning. */
  readonly strict?: boolean;
  /** The site's `currentVersion` from the admin root, when it answered. */
  readonly siteVersion?: string;
  /** The site's `fullVersion` (`11.4.0.6062`), when the admin root sends it. */
  readonly siteFullVersion?: string;
  /** The release profile the run judged by, where it came from, and why it may not fit. */
  readonly release?: ReleaseMeta;
  /** What `--allow-writes` cases did (seed, counts, the ledger). */
  readonly writes?: WriteCaseSummary;
  /** Set by `report merge`: the shards this run's outcome was joined from. */
  readonly mergedFrom?: readonly MergedShard[];
}

export interface VerifyOutcome {
  readonly meta: RunMetadata;
  readonly findings: readonly Finding[];
  /** Problems of the tool or the spec, not of the server. */
  readonly errors: readonly ToolError[];
  readonly tally: readonly TallyRow[];
  /** Nothing answered at all (exit code 3). */
  readonly unreachable: boolean;
}

/** Running totals, for a progress line. */
export interface Progress {
  readonly sent: number;
  readonly done: number;
  readonly findings: number;
  /** Tasks of this shard, known once the list is read (0 before), and how many are done. */
  readonly tasks: number;
  readonly tasksDone: number;
}
