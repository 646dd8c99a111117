import pLimit from 'p-limit';
import type { ResourceKind } from '../contract/roles.js';
import type { RoundTrip } from '../http/exchange.js';
import type { Transport } from '../http/transport.js';
import { detectErrorEnvelope } from '../validation/envelope.js';
import type { ApiMap } from '../verify/api-map.js';
import { readSiteInfo, type SiteInfo } from '../verify/site-version.js';

/** How far a crawl has come: requests answered (or failed) out of those known so far. */
export interface CrawlProgress {
  readonly done: number;
  readonly total: number;
}

/** What a crawl read: the admin root's version, the list, each task, each task's runs, each run. */
export interface CrawlResult {
  readonly site: SiteInfo;
  readonly list: RoundTrip;
  /** Task reads by task id, in the list's order. */
  readonly tasks: ReadonlyMap<string, RoundTrip>;
  /** Run list reads by task id. */
  readonly runLists: ReadonlyMap<string, RoundTrip>;
  /** Run reads by task id, then run id. */
  readonly runs: ReadonlyMap<string, ReadonlyMap<string, RoundTrip>>;
}

export interface CrawlOptions {
  readonly concurrency: number;
  readonly onProgress?: (progress: CrawlProgress) => void;
}

/** The answer as a document: parsed JSON that is not an error envelope, else undefined. */
export function documentOf(exchange: RoundTrip | undefined): unknown {
  const body = exchange && !exchange.fault ? exchange.json : undefined;
  return body !== null && typeof body === 'object' && !detectErrorEnvelope(body) ? body : undefined;
}

function idsIn(body: unknown, field: string): string[] {
  const result = (body as { result?: unknown } | null)?.result;
  if (!Array.isArray(result)) return [];
  const ids = result.map((item) => (item as Record<string, unknown> | null)?.[field]);
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

/**
 * Reads a site the way verify does, and nothing else: `GET` with `f=json` only, never a write. The
 * admin root (for the version), the task list, then for each task its read, its run list and each
 * of its runs, `concurrency` requests at a time.
 *
 * @example const crawl = await crawlSite(transport, new ApiMap(contract, adminRoot), { concurrency: 4 });
 */
export async function crawlSite(transport: Transport, api: ApiMap, options: CrawlOptions): Promise<CrawlResult> {
  const limit = pLimit(options.concurrency);
  let done = 0;
  let total = 2;
  const read = async (kind: ResourceKind, params: Record<string, string>): Promise<RoundTrip> => {
    const url = api.url(api.read(kind, 'get'), params);
    const exchange = await limit(() => transport.send({ method: 'GET', url, query: { f: 'json' }, auth: 'token' }));
    done += 1;
    options.onProgress?.({ done, total });
    return exchange;
  };
  const site = await limit(() => readSiteInfo(transport, api.baseUrl));
  done += 1;
  const list = await read('list', {});
  const taskIds = idsIn(documentOf(list), 'taskId');
  total += taskIds.length * 2;
  const tasks = new Map<string, RoundTrip>();
  const runLists = new Map<string, RoundTrip>();
  const runs = new Map<string, Map<string, RoundTrip>>();
  for (const taskId of taskIds) runs.set(taskId, new Map());
  await Promise.all(
    taskIds.map(async (taskId) => {
      const [task, runList] = await Promise.all([read('task', { taskId }), read('runs', { taskId })]);
      tasks.set(taskId, task);
      runLists.set(taskId, runList);
      const runIds = idsIn(documentOf(runList), 'runId');
      total += runIds.length;
      await Promise.all(
        runIds.map(async (runId) => runs.get(taskId)!.set(runId, await read('run', { taskId, runId }))),
      );
    }),
  );
  // the list's order, not the order the answers came in
  const ordered = new Map(taskIds.filter((id) => tasks.has(id)).map((id) => [id, tasks.get(id)!]));
  return { site, list, tasks: ordered, runLists, runs };
}
