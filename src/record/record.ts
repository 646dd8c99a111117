import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entry } from 'har-format';
import type { ContractModel } from '../contract/model.js';
import { packageRoot } from '../contract/package-root.js';
import { contractForRelease } from '../contract/release-spec.js';
import { resolveRelease } from '../domain/releases.js';
import { checkFixtureDocuments, type DocumentProblem } from '../fixtures/check-documents.js';
import { FIXTURE_FILES, type FixtureDocument, fileNameOf, writeFixtureDirectory } from '../fixtures/directory.js';
import type { FixtureSet } from '../fixtures/types.js';
import type { RoundTrip } from '../http/exchange.js';
import { Transport } from '../http/transport.js';
import { Redactor } from '../redaction/index.js';
import type { Run, Task } from '../shapes/contract-types.js';
import { ContractValidator } from '../validation/contract-validator.js';
import { detectErrorEnvelope } from '../validation/envelope.js';
import { ApiMap } from '../verify/api-map.js';
import { CaptureRedaction, deploymentOf, PLACEHOLDER_DEPLOYMENT } from './capture-redaction.js';
import { type CrawlProgress, crawlSite, documentOf } from './crawl.js';
import { harEntry, harLog, rewriteStrings } from './har.js';

/** Names the recorder's output format in meta.json; bump it when the layout or a redaction rule changes. */
export const RECORDING_GENERATOR = 'arcgis-tasks-contract/record@1';
/** The HAR file of a recording. */
export const TRAFFIC_FILE = 'traffic.har';

export interface RecordOptions {
  readonly contract: ContractModel;
  /** The admin root, e.g. `https://host/arcgis/admin`. */
  readonly baseUrl: string;
  readonly token: string;
  /** Where the fixture directory goes (created if missing). */
  readonly outDir: string;
  /** Other secrets to keep out of the recording (the password). */
  readonly secrets?: readonly (string | undefined)[];
  /** Keep `ownerId` and `orgId` as they are (`--keep-ids`). */
  readonly keepIds?: boolean;
  /** The pseudonyms' key (the same key gives the same pseudonyms in every recording). */
  readonly idKey?: string;
  readonly timeoutMs?: number;
  readonly concurrency?: number;
  readonly insecure?: boolean;
  readonly referer?: string;
  readonly onProgress?: (progress: CrawlProgress) => void;
}

/** What a recording holds, and what of it breaks the contract. */
export interface RecordOutcome {
  readonly dir: string;
  /** Files written, relative to `dir`. */
  readonly files: readonly string[];
  readonly siteVersion?: string;
  readonly tasks: number;
  readonly runs: number;
  /** Round trips kept in traffic.har. */
  readonly exchanges: number;
  /** Recorded documents that break the contract, one per broken rule: the mock refuses them without --allow-invalid-fixtures. */
  readonly problems: readonly DocumentProblem[];
  /** Reads that failed (the list item stands in for a task that could not be read), one line each. */
  readonly unread: readonly string[];
  /** Distinct ids pseudonymized, and plaintext passcodes (server leaks) masked. */
  readonly pseudonymized: number;
  readonly leakedPasscodes: number;
  /**
   * Secrets masked inside the recorded documents (a token, a password or a cookie the site echoed, a
   * plaintext passcode): each is a leak on the site, so record does not call such a recording clean.
   */
  readonly secretsInDocuments: number;
}

/** The site could not be recorded at all: `unreachable` when nothing answered (exit 3), else the list failed (exit 1). */
export class RecordError extends Error {
  override readonly name = 'RecordError';
  constructor(
    message: string,
    readonly unreachable: boolean,
  ) {
    super(message);
  }
}

function toolVersion(): string {
  try {
    return String(
      (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown }).version,
    );
  } catch {
    return '0.0.0';
  }
}

function why(exchange: RoundTrip): string {
  if (exchange.fault) return exchange.fault.message;
  const envelope = detectErrorEnvelope(exchange.json);
  if (envelope)
    return `an ArcGIS error (code ${envelope.code ?? exchange.response?.status}): ${envelope.messages.join(' ')}`;
  return `HTTP ${exchange.response?.status ?? 0}, not a document`;
}

const items = (body: unknown): unknown[] => {
  const result = (body as { result?: unknown } | null)?.result;
  return Array.isArray(result) ? result : [];
};

/**
 * Records a site's tasks and runs into a fixture directory the mock can serve
 * (`tasks-contract mock --fixtures DIR`): the same read-only requests as verify, never a write.
 * Every exchange is redacted as it is captured (see CaptureRedaction), before anything is kept;
 * traffic.har holds them all (HAR 1.2). The recorded documents are checked against the contract:
 * each broken rule is a `problem`, and the mock refuses such a recording unless `--allow-invalid-fixtures`.
 *
 * @example
 * const outcome = await record({ contract, baseUrl: 'https://host/arcgis/admin', token, outDir: 'recordings/site' });
 * for (const problem of outcome.problems) console.log(problemLine(problem));
 */
export async function record(options: RecordOptions): Promise<RecordOutcome> {
  const capture = new CaptureRedaction({
    site: deploymentOf(options.baseUrl, options.contract.layout),
    secrets: [options.token, ...(options.secrets ?? [])],
    keepIds: options.keepIds ?? false,
    ...(options.idKey ? { idKey: options.idKey } : {}),
  });
  const entries: Entry[] = [];
  const concurrency = options.concurrency ?? 4;
  const transport = new Transport({
    timeoutMs: options.timeoutMs ?? 10_000,
    maxSockets: concurrency,
    token: options.token,
    tokenParameter: options.contract.tokens.parameter,
    insecure: options.insecure ?? false,
    ...(options.referer ? { referer: options.referer } : {}),
    // redacted here, as each round trip ends: nothing of the raw exchange is kept
    onWire: (wire) => entries.push(harEntry(wire, capture)),
  });
  let crawl: Awaited<ReturnType<typeof crawlSite>>;
  try {
    crawl = await crawlSite(transport, new ApiMap(options.contract, options.baseUrl), {
      concurrency,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    transport.close();
  }
  const listBody = documentOf(crawl.list);
  if (listBody === undefined) {
    const redactor = new Redactor([options.token, ...(options.secrets ?? [])], { keep: [options.baseUrl] });
    throw new RecordError(
      redactor.redactText(`cannot record ${options.baseUrl}: the task list could not be read (${why(crawl.list)})`),
      transport.answered === 0,
    );
  }

  const unread: string[] = [];
  // the list first: it names every owner and organization, so later texts are pseudonymized too
  const list = capture.json(listBody) as { result: Task[] };
  const listed = new Map(items(list).map((task) => [String((task as Task).taskId), task as Task]));
  const tasks: Task[] = [];
  const runs: Record<string, Run[]> = {};
  for (const [taskId, read] of crawl.tasks) {
    const document = documentOf(read);
    if (document === undefined) unread.push(`task ${taskId}: ${capture.text(why(read))} (the list's item stands in)`);
    const task = (document === undefined ? listed.get(taskId) : capture.json(document)) as Task | undefined;
    if (task) tasks.push(task);
    const runList = crawl.runLists.get(taskId);
    const runBody = documentOf(runList);
    if (runList && runBody === undefined) unread.push(`runs of task ${taskId}: ${capture.text(why(runList))}`);
    const taskRuns = items(runBody === undefined ? undefined : capture.json(runBody)) as Run[];
    if (taskRuns.length > 0) runs[taskId] = taskRuns;
    for (const [runId, runRead] of crawl.runs.get(taskId) ?? [])
      if (documentOf(runRead) === undefined)
        unread.push(`run ${runId} of task ${taskId}: ${capture.text(why(runRead))}`);
  }

  // the last pass: ids and leaked passcodes learned late are replaced in what was captured earlier
  const again = (text: string) => capture.again(text);
  const set: FixtureSet = rewriteStrings(
    {
      meta: {
        seed: 'recorded',
        refDate: new Date().toISOString(),
        tasksPerType: 0,
        runsPerTask: Math.max(0, ...Object.values(runs).map((r) => r.length)),
        generator: RECORDING_GENERATOR,
        recordedAt: new Date().toISOString(),
        ...(crawl.site.version ? { siteVersion: crawl.site.version } : {}),
        redaction: {
          site: `${PLACEHOLDER_DEPLOYMENT.origin}/${PLACEHOLDER_DEPLOYMENT.context}`,
          ids: options.keepIds ? 'kept' : 'pseudonymized',
        },
      },
      tasks,
      runs,
    },
    again,
  );
  const listAnswer = rewriteStrings(list, again);
  const har = rewriteStrings(harLog(entries, { name: 'tasks-contract record', version: toolVersion() }), again);

  const documents: FixtureDocument[] = [
    { file: FIXTURE_FILES.list, kind: 'task-list', value: listAnswer },
    ...set.tasks.map((task) => ({
      file: `${FIXTURE_FILES.tasks}/${fileNameOf(task.taskId)}`,
      kind: 'task' as const,
      value: task,
    })),
    ...Object.entries(set.runs).map(([taskId, taskRuns]) => ({
      file: `${FIXTURE_FILES.runs}/${fileNameOf(taskId)}`,
      kind: 'run-list' as const,
      value: { result: taskRuns },
    })),
  ];
  // the site's documents are judged as of its release (an 11.3 site holds no CreateHealthCheckReports task)
  const release = crawl.site.version ? resolveRelease(crawl.site.version).profile : undefined;
  const judge = release ? await contractForRelease(options.contract, release) : options.contract;
  const problems = checkFixtureDocuments(ContractValidator.for(judge), documents);
  const files = await writeFixtureDirectory(options.outDir, set, {
    list: listAnswer,
    files: { [TRAFFIC_FILE]: `${JSON.stringify(har, null, 2)}\n` },
  });
  return {
    dir: options.outDir,
    files,
    ...(crawl.site.version ? { siteVersion: crawl.site.version } : {}),
    tasks: set.tasks.length,
    runs: Object.values(set.runs).reduce((sum, r) => sum + r.length, 0),
    exchanges: har.log.entries.length,
    problems,
    unread: unread.map(again),
    pseudonymized: capture.counts.ids,
    leakedPasscodes: capture.counts.leakedPasscodes,
    secretsInDocuments: capture.counts.secretsInDocuments,
  };
}
