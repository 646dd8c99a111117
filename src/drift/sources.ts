import type { ContractModel } from '../contract/model.js';
import { readFixtureDirectory } from '../fixtures/directory.js';
import type { CrawlResult } from '../record/crawl.js';
import { documentOf } from '../record/crawl.js';
import type { DriftSample } from './analyze.js';

/** Real documents to compare with the contract, and what they came from. */
export interface DriftSource {
  readonly kind: 'recording' | 'site';
  /** The directory, or the admin root. */
  readonly label: string;
  readonly siteVersion?: string;
  readonly samples: readonly DriftSample[];
  /** Tasks by id (for comparing two recordings). */
  readonly tasks: ReadonlyMap<string, unknown>;
  /** Run ids by task id. */
  readonly runIds: ReadonlyMap<string, readonly string[]>;
  /** Reads that gave no document to judge (a fault: too deep, not JSON...), one line each: `URL: why`. */
  readonly unreadable?: readonly string[];
}

const items = (body: unknown): unknown[] => {
  const result = (body as { result?: unknown } | null)?.result;
  return Array.isArray(result) ? result : [];
};

function fromDocuments(
  kind: DriftSource['kind'],
  label: string,
  siteVersion: string | undefined,
  tasks: [string, string, unknown][],
  runLists: [string, string, unknown[]][],
): DriftSource {
  const samples: DriftSample[] = [
    ...tasks.map(([, source, value]) => ({ kind: 'task' as const, source, value })),
    ...runLists.flatMap(([, source, runs]) =>
      runs.map((value, index) => ({ kind: 'run' as const, source: `${source}#/result/${index}`, value })),
    ),
  ];
  const runIds = new Map(
    runLists.map(([taskId, , runs]) => [taskId, runs.map((run) => String((run as { runId?: unknown } | null)?.runId))]),
  );
  return {
    kind,
    label,
    ...(siteVersion ? { siteVersion } : {}),
    samples,
    tasks: new Map(tasks.map(([id, , value]) => [id, value])),
    runIds,
  };
}

/** The documents of a fixture directory (a recording): each task as its own read gave it, each run of each run list. */
export async function sourceFromDirectory(dir: string): Promise<DriftSource> {
  const { set, documents } = await readFixtureDirectory(dir);
  const files = new Map(
    documents.filter((d) => d.kind === 'task').map((d) => [String((d.value as { taskId?: unknown })?.taskId), d.file]),
  );
  return fromDocuments(
    'recording',
    dir,
    set.meta.siteVersion,
    set.tasks.map((task) => [task.taskId, files.get(task.taskId) ?? `tasks.json (${task.taskId})`, task]),
    Object.entries(set.runs).map(([taskId, runs]) => [taskId, `runs/${taskId}.json`, runs]),
  );
}

/** The documents a crawl of a live site read (the list's item stands in for a task that could not be read). */
export function sourceFromCrawl(contract: ContractModel, adminRoot: string, crawl: CrawlResult): DriftSource {
  // each document is named by the URL it was read from, as the contract's paths give it
  const url = (resource: 'task' | 'runs', taskId: string) =>
    `${adminRoot}${contract.roles.path({ kind: 'read', resource, via: 'get' }, { taskId })}`;
  const listed = new Map(
    items(documentOf(crawl.list)).map((task) => [String((task as { taskId?: unknown } | null)?.taskId), task]),
  );
  const tasks: [string, string, unknown][] = [...crawl.tasks].map(([taskId, read]) => [
    taskId,
    url('task', taskId),
    documentOf(read) ?? listed.get(taskId),
  ]);
  const runLists: [string, string, unknown[]][] = [...crawl.runLists].map(([taskId, read]) => [
    taskId,
    url('runs', taskId),
    items(documentOf(read)),
  ]);
  const unreadable = [...crawl.tasks, ...crawl.runLists].flatMap(([, read]) =>
    read?.fault ? [`${read.request.url}: ${read.fault.message}`] : [],
  );
  return {
    ...fromDocuments(
      'site',
      adminRoot,
      crawl.site.version,
      tasks.filter(([, , value]) => value !== undefined),
      runLists,
    ),
    unreadable,
  };
}
