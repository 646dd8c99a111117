import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadContractCached } from '../../src/contract/load.js';
import { generateFixtureSet } from '../../src/fixtures/index.js';
import { obtainToken } from '../../src/http/token-client.js';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import { type VerifyOptions, verify } from '../../src/verify/engine.js';
import type { VerifyOutcome } from '../../src/verify/outcome.js';
import { startProxy } from './helpers/proxy.js';

// What verify asks of a site, counted on the server's side: a proxy in front of the mock logs
// every request verify sends (the mock serves 60 generated tasks with up to 2 runs each).

const TASKS = 60;
const ADMIN = '/arcgis/admin/system/tasks';

interface Logged {
  readonly method: string;
  readonly path: string;
  readonly format: string;
  /** The run's own token was sent (not none, not a bad one). */
  readonly token: boolean;
}

let mock: RunningMock;
let token: string;
/** The paths of every task, runs list and run the mock holds (not the error-path probes' unknown ids). */
let resources: Set<string>;
beforeAll(async () => {
  const fixtures = generateFixtureSet({ totalTasks: TASKS, runsPerTask: 2 });
  mock = await startMockServer({ port: 0, host: '127.0.0.1', fixtures, clock: Date.now() });
  token = await obtainToken({ tokenUrl: mock.tokenUrl, ...mock.credentials, referer: mock.url });
  const { tasks, runs } = mock.state();
  resources = new Set(
    tasks.flatMap(({ taskId }) => [
      `${ADMIN}/${taskId}`,
      `${ADMIN}/${taskId}/runs`,
      ...(runs[taskId] ?? []).map(({ runId }) => `${ADMIN}/${taskId}/runs/${runId}`),
    ]),
  );
});
afterAll(() => mock.close());

async function verifyCounted(options: Partial<VerifyOptions> = {}): Promise<{ outcome: VerifyOutcome; log: Logged[] }> {
  const log: Logged[] = [];
  const proxy = await startProxy(mock.url, {
    intercept: (request) => {
      const fields = request.method === 'POST' ? request.form : request.query;
      log.push({
        method: request.method,
        path: request.path,
        format: fields.get('f') ?? '',
        token: fields.get('token') === token,
      });
      return undefined;
    },
  });
  try {
    const outcome = await verify({
      contract: await loadContractCached(),
      baseUrl: `${proxy.url}/arcgis/admin`,
      token,
      timeoutMs: 30_000,
      ...options,
    });
    return { outcome, log };
  } finally {
    await proxy.close();
  }
}

/** The task, runs list and run paths, each with how it was read by the run's token: `GET json`, `POST pjson`... */
function readsByResource(log: readonly Logged[]): Map<string, string[]> {
  const reads = new Map<string, string[]>();
  for (const entry of log) {
    if (!entry.token || !['json', 'pjson'].includes(entry.format) || !resources.has(entry.path)) continue;
    reads.set(entry.path, [...(reads.get(entry.path) ?? []), `${entry.method} ${entry.format}`]);
  }
  return reads;
}

/** `list`, `task`, `runs` or `run` for a resource path. */
const kindOf = (path: string) => {
  if (path === ADMIN) return 'list';
  const depth = path.slice(ADMIN.length + 1).split('/').length;
  return depth === 1 ? 'task' : depth === 2 ? 'runs' : 'run';
};
const FOUR_WAYS = ['GET json', 'GET pjson', 'POST json', 'POST pjson'];

describe('verify by default', () => {
  let outcome: VerifyOutcome;
  let log: Logged[];
  beforeAll(async () => ({ outcome, log } = await verifyCounted()));

  it('finds the mock conforming', () => {
    expect(outcome.findings.filter((f) => f.severity !== 'warning')).toEqual([]);
    expect(outcome.meta.tasks).toBe(TASKS);
  });

  it('sends at most 6 requests per task, as the server counts them (and as the report says)', () => {
    expect(log.length).toBe(outcome.meta.requests);
    expect(log.length / TASKS).toBeLessThanOrEqual(6);
  });

  it('reads every task, runs list and run by GET f=json, and a sample of each endpoint four ways', () => {
    const reads = readsByResource(log);
    const sampled = new Map<string, number>();
    for (const [path, ways] of reads) {
      expect(ways).toContain('GET json');
      if (ways.length > 1 || ways[0] !== 'GET json') {
        // a sampled resource; a topped-up run is read by GET f=json once more, unjudged
        expect([...new Set(ways)].sort()).toEqual(FOUR_WAYS);
        sampled.set(kindOf(path), (sampled.get(kindOf(path)) ?? 0) + 1);
      }
    }
    const kinds = [...reads.keys()].map(kindOf);
    expect(kinds.filter((kind) => kind === 'task')).toHaveLength(TASKS);
    expect(kinds.filter((kind) => kind === 'runs')).toHaveLength(TASKS);
    expect(kinds.filter((kind) => kind === 'run')).toHaveLength(outcome.meta.runs);
    const size = outcome.meta.sample!.size;
    expect(Object.fromEntries(sampled)).toEqual({ task: size, runs: size, run: size });
    // the list is one resource, read four ways; f=html on every endpoint
    expect(log.filter((e) => e.path === ADMIN && e.token && ['json', 'pjson'].includes(e.format)).length).toBe(4);
    const html = new Set(log.filter((e) => e.format === 'html').map((e) => kindOf(e.path)));
    expect([...html].sort()).toEqual(['list', 'run', 'runs', 'task']);
  });

  it('states the plan in the report: the seed, the size and the tasks it sampled', () => {
    expect(outcome.meta.sample).toEqual({ exhaustive: false, seed: 19, size: 5, tasks: expect.any(Array) });
    const sampledTasks = [...readsByResource(log)]
      .filter(([path, ways]) => kindOf(path) === 'task' && ways.length === 4)
      .map(([path]) => decodeURIComponent(path.slice(ADMIN.length + 1)));
    expect([...outcome.meta.sample!.tasks].sort()).toEqual(sampledTasks.sort());
  });
});

describe('verify --seed', () => {
  it('picks the same sample for the same seed, and another for another seed', async () => {
    const sampleOf = async (seed: number) => {
      const { outcome, log } = await verifyCounted({ sample: { seed }, checks: ['transport'] });
      const fourWays = [...readsByResource(log)].filter(([, ways]) => ways.length > 1).map(([path]) => path);
      return { tasks: outcome.meta.sample!.tasks, fourWays: fourWays.sort() };
    };
    const first = await sampleOf(7);
    const again = await sampleOf(7);
    const other = await sampleOf(8);
    expect(again).toEqual(first);
    expect(other.tasks).not.toEqual(first.tasks);
    expect(other.fourWays).not.toEqual(first.fourWays);
  });
});

describe('verify --exhaustive', () => {
  it('reads every task, runs list and run four ways (f=json and f=pjson, GET and POST), as before', async () => {
    const { outcome, log } = await verifyCounted({ sample: { exhaustive: true } });
    const reads = readsByResource(log);
    expect(reads.size).toBe(TASKS * 2 + outcome.meta.runs);
    for (const ways of reads.values()) expect([...ways].sort()).toEqual(FOUR_WAYS);
    expect(log.length).toBe(outcome.meta.requests);
    expect(outcome.meta.sample).toEqual({ exhaustive: true, seed: 19, size: 5, tasks: [] });
  });
});
