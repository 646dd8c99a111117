import { NEWEST_RELEASE, namedRelease } from '../domain/releases.js';
import type { FixtureSet } from '../fixtures/index.js';
import type { ErrorStatusMode } from './failure.js';
import { MAX_JOURNAL_SIZE } from './journal/journal.js';
import type { RequestLogger } from './journal/recorder.js';
import type { ClockSetting, MockClock } from './time/clock.js';
import { parseInstant } from './time/iso.js';

/** How to start the embedded mock; every field is optional. */
export interface MockOptions {
  /** Default 'arcgis': serves /arcgis/admin/... and /arcgis/sharing/rest/generateToken. */
  context?: string;
  /** Seeds generated data, new ids, faults and latency. Default 1. */
  seed?: number | string;
  /** Generate this many tasks (all types); default: the committed fixtures. */
  tasks?: number;
  /** Explicit data (wins over `tasks`). */
  fixtures?: FixtureSet;
  /**
   * A fixture directory to serve (`tasks-contract record` or `fixtures --out` wrote it; wins over
   * `tasks`). One that breaks the contract (invalid fixtures) is refused (`InvalidFixturesError`)
   * unless `allowInvalidFixtures`.
   */
  fixturesDir?: string;
  allowInvalidFixtures?: boolean;
  /** @deprecated the old name of `allowInvalidFixtures` ("drift" now means only the drift command). */
  allowDrift?: boolean;
  /** The administrator; default admin/admin. */
  username?: string;
  password?: string;
  /** A second user who is not an administrator (403 on every admin call); default viewer/viewer, `null` for none. */
  viewer?: { username: string; password: string } | null;
  /** ArcGIS-style errors with HTTP 200 (default) or the code as HTTP status. */
  errorStatus?: ErrorStatusMode;
  /** Added to every answer, in ms, drawn from the seeded stream. */
  latency?: { min: number; max: number };
  /** 0..1: the share of answers replaced by a seeded fault (reset, html-500, malformed-json, or a 500 envelope). */
  faultRate?: number;
  /**
   * The mock's clock: `'real'` (default) follows the machine's clock; an ISO-8601 instant or epoch ms
   * starts it frozen there; or a MockClock of your own. Every date the mock writes comes from it.
   */
  clock?: ClockSetting | MockClock;
  /** What a running clock follows (epoch ms); default Date.now. Tests may pass their own to move time. */
  now?: () => number;
  /** Start from a scenario: a bundled one's name (`failed-backup`) or a scenario file's path. */
  scenario?: string;
  /** The contract to route and validate with; default the bundled spec/openapi.yaml. */
  specPath?: string;
  /** Requests the journal keeps (the oldest go first); default 10,000, 0 turns it off. */
  journalSize?: number;
  /** Called with one line per request (method, path, operation, status, ms); the CLI's `--log` prints them. */
  logger?: RequestLogger;
  /** The dashboard at `/__mock/ui` (tasks, timeline, journal, clock, outcomes); default on, `false` turns it off. */
  ui?: boolean;
  /** `currentVersion` at the admin root; default the `release`'s, else a recording's own, else `DEFAULT_SITE_VERSION`. */
  siteVersion?: string;
  /**
   * The release the mock behaves as (`src/domain/releases.ts`): the types createTask and update
   * accept, what the admin root lists, `currentVersion`. Default the newest.
   */
  release?: string;
  /**
   * For shared hosts: every control request (`/__mock/*`) must carry this secret, as
   * `X-Mock-Control-Token: <secret>` or `Authorization: Bearer <secret>`; default none.
   */
  controlToken?: string;
}

/** The release the mock says it is at the admin root: the newest the contract describes. */
export const DEFAULT_SITE_VERSION = NEWEST_RELEASE;

/** The request limits: slow or oversized clients are cut off, the server keeps serving. */
export const LIMITS = {
  /** Longer request targets get 414. */
  maxUrlLength: 8 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
} as const;

/** Throws a plain Error naming the first option that is out of range (the CLI turns it into a usage error). */
export function checkMockOptions(options: MockOptions): void {
  if (options.context !== undefined && !/^[A-Za-z0-9._~-]+$/.test(options.context))
    throw new Error(`context must be one path segment, got "${options.context}"`);
  if (options.tasks !== undefined && (!Number.isInteger(options.tasks) || options.tasks < 0))
    throw new Error(`tasks must be a whole number >= 0, got ${options.tasks}`);
  if (options.faultRate !== undefined && !(options.faultRate >= 0 && options.faultRate <= 1))
    throw new Error(`faultRate must be between 0 and 1, got ${options.faultRate}`);
  const latency = options.latency;
  if (
    latency &&
    !(Number.isInteger(latency.min) && Number.isInteger(latency.max) && latency.min >= 0 && latency.min <= latency.max)
  ) {
    throw new Error(`latency must be MIN-MAX whole milliseconds with MIN <= MAX, got ${latency.min}-${latency.max}`);
  }
  const journalSize = options.journalSize;
  if (
    journalSize !== undefined &&
    !(Number.isInteger(journalSize) && journalSize >= 0 && journalSize <= MAX_JOURNAL_SIZE)
  )
    throw new Error(`journalSize must be a whole number from 0 to ${MAX_JOURNAL_SIZE}, got ${journalSize}`);
  if (options.logger !== undefined && typeof options.logger !== 'function')
    throw new Error('logger must be a function (line, entry) => void');
  if (
    options.controlToken !== undefined &&
    (typeof options.controlToken !== 'string' || options.controlToken.length < 8)
  )
    throw new Error('controlToken must be text of at least 8 characters');
  if (options.username === '' || options.password === '') throw new Error('username and password must not be empty');
  if (typeof options.clock === 'string' && options.clock !== 'real') parseInstant(options.clock);
  if (typeof options.clock === 'number' && !(options.clock >= 0 && Number.isFinite(options.clock)))
    throw new Error(`clock must be epoch milliseconds >= 0, got ${options.clock}`);
  if (options.release !== undefined) {
    const release = namedRelease(options.release);
    if (typeof release === 'string') throw new Error(release);
  }
  if (options.viewer && options.viewer.username === (options.username ?? 'admin'))
    throw new Error('the viewer must have another user name than the administrator');
}
