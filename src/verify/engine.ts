import pLimit, { type LimitFunction } from 'p-limit';
import type { ContractModel, OperationModel } from '../contract/model.js';
import { contractForRelease } from '../contract/release-spec.js';
import type { ResourceKind } from '../contract/roles.js';
import { type ResolvedRelease, resolveRelease } from '../domain/releases.js';
import { curlCommand } from '../http/curl.js';
import { displayUrl, INVALID_TOKEN, type RequestSpec } from '../http/exchange.js';
import { Transport } from '../http/transport.js';
import { headerPairs, Redactor } from '../redaction/index.js';
import { ContractValidator } from '../validation/contract-validator.js';
import { detectErrorEnvelope } from '../validation/envelope.js';
import { ApiMap, endpointName } from './api-map.js';
import { CHECK_NAMES, selectChecks } from './checks/registry.js';
import type {
  CollectionCheck,
  ExchangeCheck,
  ExchangeContext,
  ListedItem,
  PairCheck,
  Purpose,
} from './checks/types.js';
import { forEachConcurrently } from './concurrently.js';
import { probeErrorPaths } from './error-probes.js';
import type { Finding, FindingDraft, FindingSeverity, ToolError } from './finding.js';
import { indexListItems } from './list-index.js';
import type { Progress, VerifyOutcome } from './outcome.js';
import { CrossCheckSample, DEFAULT_SAMPLE, type SamplePlan } from './sample.js';
import { inShard, type Shard, WHOLE } from './shard.js';
import { readSiteInfo, type SiteInfo } from './site-version.js';
import { sortTallyRows, Tally } from './tally.js';
import { releaseMeta } from './writes/release-meta.js';
import type { WriteCaseSummary } from './writes/run-write-cases.js';
import type { ProbeDriver, SendExtras } from './writes.js';

export interface VerifyOptions {
  readonly contract: ContractModel;
  /** The admin root, e.g. `https://host/arcgis/admin`. */
  readonly baseUrl: string;
  readonly token: string;
  /** Other secrets to keep out of every report (the password). */
  readonly secrets?: readonly string[];
  readonly timeoutMs?: number;
  readonly concurrency?: number;
  readonly shard?: Shard;
  readonly allowWrites?: boolean;
  readonly insecure?: boolean;
  readonly referer?: string;
  /** Run only these checks (names from the registry). */
  readonly checks?: readonly string[];
  readonly embeddedMock?: boolean;
  readonly onProgress?: (progress: Progress) => void;
  /** A field the contract does not know is an error, not a warning (`--strict`). */
  readonly strict?: boolean;
  /** Which resources are read four ways (default: a seeded sample; `exhaustive`: all of them). */
  readonly sample?: Partial<SamplePlan>;
  /** At most this many requests per second (`--max-rps`); no cap when undefined. */
  readonly maxRps?: number;
  /** Judge by this release (`--release`); default the site's `currentVersion`. */
  readonly release?: string;
  /** With `allowWrites`: run up to this many write cases (`--write-cases`); undefined runs none. */
  readonly writeCases?: number;
  /** Seed of the write cases (`--seed`). */
  readonly seed?: number;
  /** Where the write ledger goes (default the OS temp directory). */
  readonly ledgerDir?: string;
}

export const DEFAULTS = { timeoutMs: 10_000, concurrency: 8 } as const;

/** Reads of one resource: GET and POST, each with f=json and f=pjson. */
export interface ResourceReads {
  readonly getJson: ExchangeContext;
  readonly getPjson: ExchangeContext;
  readonly postJson: ExchangeContext;
  readonly postPjson: ExchangeContext;
}

/**
 * A judged f=json answer kept for the pair checks, without its body text: they compare the parsed
 * JSON (f=pjson's text, the other side, is what they read). For the task list of a big site, the
 * text is megabytes.
 */
function withoutText(context: ExchangeContext): ExchangeContext {
  const response = context.exchange.response;
  return response ? { ...context, exchange: { ...context.exchange, response: { ...response, text: '' } } } : context;
}

/** The JSON body when it is a document (not an error envelope), else undefined. */
function documentOf(context: ExchangeContext): unknown {
  const body = context.exchange.json;
  return body !== undefined && body !== null && typeof body === 'object' && !detectErrorEnvelope(body)
    ? body
    : undefined;
}

/**
 * One verify run: discovers tasks through the list, reads every task, its runs and each run (GET
 * and POST, f=json and f=pjson), probes f=html and the auth negatives on a sample of each
 * resource, compares lists with reads, and with `allowWrites` exercises the writes. Every answer
 * goes through the checks of the registry; what they find is data.
 */
export class VerifyRun implements ProbeDriver {
  readonly api: ApiMap;
  /** The contract as of the release the site is judged by, once known (see `validator`). */
  private releaseValidator: ContractValidator | undefined;
  private readonly transport: Transport;
  private readonly limit: LimitFunction;
  private readonly checks: ReturnType<typeof selectChecks>;
  private readonly tally = new Tally();
  private readonly findings: Finding[] = [];
  private readonly errors: ToolError[] = [];
  private readonly redactor: Redactor;
  /** Plaintext secrets this run sent (probe passcodes). */
  readonly sentSecrets: string[] = [];
  readonly shard: Shard;
  private done = 0;
  private tasksDone = 0;
  private taskCount = 0;
  private runCount = 0;
  private site: SiteInfo = { version: undefined };
  /** Set before the transport exists: the rate cap counts from the transport's birth, the duration from here. */
  private readonly started = new Date();
  private readonly plan: SamplePlan;
  private sample: CrossCheckSample | undefined;
  private writes: WriteCaseSummary | undefined;

  constructor(private readonly options: VerifyOptions) {
    this.plan = { ...DEFAULT_SAMPLE, ...options.sample };
    this.api = new ApiMap(options.contract, options.baseUrl);
    const concurrency = options.concurrency ?? DEFAULTS.concurrency;
    this.transport = new Transport({
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxSockets: concurrency,
      token: options.token,
      tokenParameter: options.contract.tokens.parameter,
      insecure: options.insecure ?? false,
      ...(options.referer ? { referer: options.referer } : {}),
      // session values a site sets (Set-Cookie) are secrets too: learnt as they arrive, masked in every report
      onWire: (wire) => this.redactor.learnHeaders(headerPairs(wire.response?.rawHeaders)),
      ...(options.maxRps !== undefined ? { maxRps: options.maxRps } : {}),
    });
    this.limit = pLimit(concurrency);
    this.checks = selectChecks(options.checks);
    // the admin root is the user's own URL: a short password equal to one of its segments must not mangle it
    this.redactor = new Redactor([options.token, ...(options.secrets ?? [])], { keep: [this.api.baseUrl] });
    this.shard = options.shard ?? WHOLE;
  }

  /** The whole contract's until the site's release is known (built only if used), then the release's. */
  private get validator(): ContractValidator {
    return this.releaseValidator ?? ContractValidator.for(this.options.contract);
  }

  /** The release profile the site is judged by: `--release`, else the site's `currentVersion`. */
  release(): ResolvedRelease {
    return resolveRelease(this.options.release ?? this.site.version);
  }

  /** Runs the exchange checks on an answer sent with `judge: false` (write cases, once shrunk). */
  judgeLater(context: ExchangeContext): void {
    this.judgeExchange(context);
  }

  /** Lets the connections go (for runs used only to send, such as `--cleanup`). */
  close(): void {
    this.transport.close();
  }

  /** Remembers a secret so that every report masks it. */
  addSecret(secret: string): void {
    this.redactor.add(secret);
  }

  async execute(): Promise<VerifyOutcome> {
    const started = this.started;
    try {
      await this.readEverything();
      // the write modules are loaded only for a run that writes
      if (this.options.allowWrites)
        await (await import('./writes.js')).runWriteProbes(this, this.options.writeCases === undefined);
      if (this.options.allowWrites && this.options.writeCases !== undefined && this.shard.index === 1)
        this.writes = await (await import('./writes/run-write-cases.js')).runWriteCases(this, {
          profile: this.release().profile,
          seed: this.options.seed ?? 1,
          budget: this.options.writeCases,
          ...(this.options.ledgerDir ? { ledgerDir: this.options.ledgerDir } : {}),
        });
    } finally {
      this.transport.close();
    }
    const finished = new Date();
    const meta = {
      tool: 'tasks-contract verify',
      baseUrl: this.api.baseUrl,
      spec: this.options.contract.sourcePath,
      specDigest: this.options.contract.digest,
      embeddedMock: this.options.embeddedMock ?? false,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      shard: this.shard,
      allowWrites: this.options.allowWrites ?? false,
      concurrency: this.options.concurrency ?? DEFAULTS.concurrency,
      timeoutMs: this.options.timeoutMs ?? DEFAULTS.timeoutMs,
      checks: CHECK_NAMES.filter((name) =>
        [...this.checks.exchange, ...this.checks.pair, ...this.checks.collection].some((check) => check.name === name),
      ),
      requests: this.transport.sent,
      answered: this.transport.answered,
      requestsPerSecond: requestRate(this.transport.sent, finished.getTime() - started.getTime()),
      ...(this.options.maxRps !== undefined ? { maxRps: this.options.maxRps } : {}),
      sample: {
        exhaustive: this.plan.exhaustive,
        seed: this.plan.seed,
        size: this.plan.size,
        tasks: this.plan.exhaustive ? [] : [...(this.sample?.tasks ?? [])],
      },
      tasks: this.taskCount,
      runs: this.runCount,
      strict: this.options.strict ?? false,
      ...(this.site.version ? { siteVersion: this.site.version } : {}),
      ...(this.site.fullVersion ? { siteFullVersion: this.site.fullVersion } : {}),
      release: releaseMeta(this.release(), this.options.release),
      ...(this.writes ? { writes: this.writes } : {}),
    };
    return this.redactor.redact({
      meta,
      findings: this.findings,
      errors: this.errors,
      tally: sortTallyRows(this.tally.toRows(), CHECK_NAMES),
      unreachable: this.transport.sent > 0 && this.transport.answered === 0,
    });
  }

  // ---- reading -------------------------------------------------------------------------------

  private async readEverything(): Promise<void> {
    this.site = await readSiteInfo(this.transport, this.api.baseUrl);
    // documents are judged by the contract as of the release the site is judged by
    this.releaseValidator = ContractValidator.for(
      await contractForRelease(this.options.contract, this.release().profile),
    );
    const judgeList = this.shard.index === 1;
    // the validators load (or compile) while the server builds the list: the request goes out first
    const validatorsReady = this.readyValidators();
    const list = this.readList(judgeList, validatorsReady);
    list.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    await validatorsReady;
    const { listed, crossReads } = await list;
    const taskIds = [...listed.keys()];
    const sample = new CrossCheckSample(this.plan, taskIds);
    this.sample = sample;
    // the list's other reads (copies of the largest answer of a run) end before the tasks begin: beside
    // the tasks they raised the peak RSS of 5,000 tasks by about 3 MB (1.22x that of 1,000 tasks against
    // 1.18x), and on two cores they took as long either way; one at a time is gentler on the site too
    await crossReads;
    // the auth and f=html probes go to the list's first task, in whichever shard owns it, so that
    // shards together send what one unsharded run sends
    const sampleId = taskIds[0];
    const mine = taskIds.filter((id) => inShard(id, this.shard));
    this.taskCount = mine.length;
    // a few tasks at a time go through whole (task, runs, each run); what a task's reads hold is
    // let go when it is done, so memory does not grow with the number of tasks
    const workers = Math.max(2, this.options.concurrency ?? DEFAULTS.concurrency);
    await forEachConcurrently(mine, workers, async (taskId) => {
      await this.readTask(taskId, listed.get(taskId)!, taskId === sampleId);
      listed.delete(taskId);
      this.tasksDone += 1;
      this.reportProgress();
    });
    // the sampled tasks had too few runs: read other tasks' runs four ways (their GET f=json again,
    // unjudged); not in a shard, which sees only its own tasks' runs, so that shards together send
    // what one unsharded run sends whenever the sampled tasks have runs
    const topUp = this.shard.count === 1 ? sample.topUp() : [];
    await forEachConcurrently(topUp, workers, async ({ taskId, runId }) => {
      const params = { taskId, runId };
      const getJson = await this.send('run', this.api.read('run', 'get'), params, 'read', 'json', { judge: false });
      await this.crossCheck('run', params, getJson);
    });
  }

  /**
   * The answers' validators, ready to judge: those the build wrote as code are loaded, the others
   * compiled (with `response-schema` among the checks).
   */
  private async readyValidators(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.checks.exchange.some((check) => check.name === 'response-schema')) return;
    await this.validator.loadPrebuilt();
    const reads = (['list', 'task', 'runs', 'run'] as const).flatMap((kind) => [
      this.api.read(kind, 'get'),
      this.api.read(kind, 'post'),
    ]);
    this.validator.compileResponses(reads);
  }

  /**
   * Reads the task list by GET f=json and judges it once `validatorsReady`; returns its items by
   * id, and (in the shard that judges the list) the rest of its reads, under way (`crossReadList`),
   * awaited before the tasks are read. Not awaited here: this frame holds the GET answer with its
   * text (3.4 MB at 5,000 tasks), which an await would keep alive through the other reads (110 MB
   * against 107 MB at 5,000 tasks, five alternating runs).
   */
  private async readList(
    judge: boolean,
    validatorsReady: Promise<void>,
  ): Promise<{ listed: Map<string, ListedItem>; crossReads: Promise<void> }> {
    const read = await this.send('list', this.api.read('list', 'get'), {}, 'read', 'json', { judge: false });
    await validatorsReady;
    if (judge) this.judgeExchange(read);
    const getJson = withoutText(read);
    const listed = indexListItems(getJson.exchange.json, 'taskId');
    if (!judge) return { listed, crossReads: Promise.resolve() };
    this.judgeList(getJson, 'taskId');
    return { listed, crossReads: this.crossReadList(getJson) };
  }

  /**
   * The list's three other reads (GET f=pjson, POST f=json and f=pjson), one after another, each
   * pair judged as soon as it is complete and each copy let go once no check needs it: a big
   * site's list is the largest answer of a run. Then the list's probes.
   */
  private async crossReadList(getJson: ExchangeContext): Promise<void> {
    const get = this.api.read('list', 'get');
    const post = this.api.read('list', 'post');
    const pairs = (which: PairCheck['pairs'], first: ExchangeContext, second: ExchangeContext) => {
      for (const check of this.checks.pair) if (check.pairs === which) this.judgePair(check, first, second);
    };
    pairs('json-pjson', getJson, await this.send('list', get, {}, 'read', 'pjson'));
    const postJson = withoutText(await this.send('list', post, {}, 'read', 'json'));
    pairs('get-post', getJson, postJson);
    getJson = postJson; // GET's copy is judged: let it go before the last read
    pairs('json-pjson', postJson, await this.send('list', post, {}, 'read', 'pjson'));
    await this.probeSamples('list', {});
    await probeErrorPaths(this, {});
  }

  /** One task: its reads, its runs and each run's reads; with `sample`, the probes too. */
  private async readTask(taskId: string, listedTask: ListedItem, sample: boolean): Promise<void> {
    const crossCheck = this.sample!.hasTask(taskId);
    const expectedTask = await this.readItem('task', { taskId }, listedTask, crossCheck);
    const runs = await this.readOnce('runs', { taskId }, crossCheck, expectedTask);
    this.judgeList(runs, 'runId');
    const listedRuns = indexListItems(runs.exchange.json, 'runId');
    this.runCount += listedRuns.size;
    const checkedRuns = this.sample!.runsToCheck(taskId, [...listedRuns.keys()]);
    await Promise.all(
      [...listedRuns].map(([runId, listedRun]) =>
        this.readItem('run', { taskId, runId }, listedRun, checkedRuns.has(runId), expectedTask),
      ),
    );
    if (sample) {
      await this.probeSamples('task', { taskId });
      await this.probeSamples('runs', { taskId });
      const firstRun = listedRuns.keys().next().value;
      if (firstRun) await this.probeSamples('run', { taskId, runId: firstRun });
      await probeErrorPaths(this, { taskId, ...(firstRun ? { runId: firstRun } : {}) });
    }
  }

  /** Reads one item of a list and judges it against the list's item; returns its document (for the run checks). */
  private async readItem(
    kind: 'task' | 'run',
    params: Record<string, string>,
    listed: ListedItem,
    crossCheck: boolean,
    expectedTask?: unknown,
  ): Promise<unknown> {
    const getJson = await this.readOnce(kind, params, crossCheck, expectedTask);
    for (const check of this.checks.collection) this.judge(check, getJson, () => check.runItem(listed, getJson));
    return documentOf(getJson);
  }

  /**
   * One resource's GET f=json, judged; with `crossCheck`, also its other three reads and the pairs
   * (`readResource`). Returns the GET f=json answer.
   */
  private async readOnce(
    kind: ResourceKind,
    params: Record<string, string>,
    crossCheck: boolean,
    expectedTask?: unknown,
  ): Promise<ExchangeContext> {
    if (crossCheck) return (await this.readResource(kind, params, expectedTask)).getJson;
    return this.send(kind, this.api.read(kind, 'get'), params, 'read', 'json', { expectedTask });
  }

  /** The three reads besides GET f=json (already read as `getJson`), each judged, then the pairs. */
  private async crossCheck(
    kind: ResourceKind,
    params: Record<string, string>,
    getJson: ExchangeContext,
    expectedTask?: unknown,
  ): Promise<void> {
    const get = this.api.read(kind, 'get');
    const post = this.api.read(kind, 'post');
    const extra = { expectedTask };
    const [getPjson, postJson, postPjson] = await Promise.all([
      this.send(kind, get, params, 'read', 'pjson', extra),
      this.send(kind, post, params, 'read', 'json', extra),
      this.send(kind, post, params, 'read', 'pjson', extra),
    ]);
    this.judgePairs(getJson, getPjson, postJson, postPjson);
  }

  /** GET and POST, f=json and f=pjson, of one resource; each answer checked, then the pairs. */
  async readResource(
    kind: ResourceKind,
    params: Record<string, string>,
    expectedTask?: unknown,
    purpose: Purpose = 'read',
  ): Promise<ResourceReads> {
    const get = this.api.read(kind, 'get');
    const post = this.api.read(kind, 'post');
    const extra = { expectedTask };
    const [getJson, getPjson, postJson, postPjson] = await Promise.all([
      this.send(kind, get, params, purpose, 'json', extra),
      this.send(kind, get, params, purpose, 'pjson', extra),
      this.send(kind, post, params, purpose, 'json', extra),
      this.send(kind, post, params, purpose, 'pjson', extra),
    ]);
    this.judgePairs(getJson, getPjson, postJson, postPjson);
    return { getJson, getPjson, postJson, postPjson };
  }

  private judgePairs(
    getJson: ExchangeContext,
    getPjson: ExchangeContext,
    postJson: ExchangeContext,
    postPjson: ExchangeContext,
  ): void {
    for (const check of this.checks.pair) {
      if (check.pairs === 'json-pjson') {
        this.judgePair(check, getJson, getPjson);
        this.judgePair(check, postJson, postPjson);
      } else {
        this.judgePair(check, getJson, postJson);
      }
    }
  }

  /** f=html, no token and a bad token, on GET and POST of one resource. */
  private async probeSamples(kind: ResourceKind, params: Record<string, string>): Promise<void> {
    const get = this.api.read(kind, 'get');
    const post = this.api.read(kind, 'post');
    await Promise.all([
      this.send(kind, get, params, 'html', 'html'),
      ...[get, post].flatMap((operation) => [
        this.send(kind, operation, params, 'no-token', 'json'),
        this.send(kind, operation, params, 'bad-token', 'json'),
      ]),
    ]);
  }

  /**
   * Sends one request for an operation (through the concurrency limit) and runs the exchange
   * checks on the answer, unless `judge` is false.
   */
  async send(
    kind: ResourceKind | 'write',
    operation: OperationModel,
    params: Record<string, string>,
    purpose: Purpose,
    format: string,
    extra: SendExtras = {},
  ): Promise<ExchangeContext> {
    const url = this.api.url(operation, params);
    const auth = purpose === 'no-token' ? 'none' : purpose === 'bad-token' ? 'invalid' : 'token';
    const request: RequestSpec =
      operation.method === 'get'
        ? { method: 'GET', url, query: { f: format }, auth }
        : {
            method: 'POST',
            url,
            query: {},
            form: { ...(extra.form ?? {}), f: format },
            auth,
            ...(extra.secretFields ? { secretFields: extra.secretFields } : {}),
          };
    // error-path answers may rightly be HTML (a 404 page): the error-paths check reads the body itself
    const wantsJson = format !== 'html' && purpose !== 'error-path';
    const exchange = await this.limit(() => this.transport.send(request, wantsJson));
    this.done += 1;
    const context: ExchangeContext = {
      exchange,
      operation,
      kind,
      purpose,
      format,
      validator: this.validator,
      expectedTask: extra.expectedTask,
      ...(extra.expect ? { expect: extra.expect } : {}),
      sentSecrets: this.sentSecrets,
      onSecret: (secret) => this.redactor.add(secret),
      unknownFields: this.options.strict ? 'error' : 'warning',
      ...(extra.probe ? { probe: extra.probe } : {}),
      ...(extra.writeCase ? { writeCase: extra.writeCase } : {}),
    };
    if (extra.judge !== false) this.judgeExchange(context);
    this.reportProgress();
    return context;
  }

  private reportProgress(): void {
    this.options.onProgress?.({
      sent: this.transport.sent,
      done: this.done,
      findings: this.findings.length,
      tasks: this.taskCount,
      tasksDone: this.tasksDone,
    });
  }

  // ---- judging -------------------------------------------------------------------------------

  private judgeExchange(context: ExchangeContext): void {
    for (const check of this.checks.exchange) {
      // the other checks judge answers; a faulted exchange is the transport check's alone
      if (check.name !== 'transport' && context.exchange.fault) continue;
      this.judge(check, context, () => (check.appliesTo(context) ? check.run(context) : undefined));
    }
  }

  private judgePair(check: PairCheck, first: ExchangeContext, second: ExchangeContext): void {
    if (first.exchange.fault || second.exchange.fault || !first.exchange.response || !second.exchange.response) return;
    this.judge(check, second, () => check.run(first, second));
  }

  /** The collection checks of a list on its own (an id listed twice). */
  private judgeList(list: ExchangeContext, idField: string): void {
    if (list.exchange.fault || !list.exchange.response) return;
    for (const check of this.checks.collection) this.judge(check, list, () => check.runList(list, idField));
  }

  /** Runs one check on one context; `undefined` from `run` means "does not apply" and is not counted. */
  private judge(
    check: ExchangeCheck | PairCheck | CollectionCheck,
    context: ExchangeContext,
    run: () => FindingDraft[] | undefined,
  ): void {
    const endpoint = endpointName(context.operation);
    let drafts: FindingDraft[] | undefined;
    try {
      drafts = run();
    } catch (error) {
      this.errors.push({
        check: check.name,
        endpoint,
        message: `the check failed on ${displayUrl(context.exchange.request)}: ${(error as Error).message}`,
      });
      return;
    }
    if (drafts === undefined) return;
    this.tally.record(
      endpoint,
      check.name,
      drafts.length === 0
        ? 'passed'
        : this.record(
            check.name,
            drafts.map((draft) => ({ draft, at: context })),
          ),
    );
  }

  /** Turns drafts into findings; the verdict is the worst of them. */
  private record(
    check: string,
    drafts: { draft: FindingDraft; at: ExchangeContext }[],
  ): 'passed' | 'failed' | 'warned' {
    let verdict: 'passed' | 'failed' | 'warned' = 'passed';
    for (const { draft, at } of drafts) {
      const severity: FindingSeverity = draft.severity ?? 'error';
      const request = at.exchange.request;
      this.findings.push({
        check,
        severity,
        endpoint: endpointName(at.operation),
        url: displayUrl(request),
        pointer: draft.pointer ?? '',
        message: draft.message,
        expected: draft.expected ?? null,
        actual: draft.actual ?? null,
        curl: curlCommand({ ...request, invalidToken: INVALID_TOKEN }),
      });
      verdict = severity === 'warning' ? (verdict === 'passed' ? 'warned' : verdict) : 'failed';
    }
    return verdict;
  }
}

/**
 * Verifies a server against the contract and returns the outcome as data (redacted).
 *
 * @example
 * const outcome = await verify({ contract: await loadContract(), baseUrl: mock.adminUrl, token });
 * if (outcome.findings.length > 0) console.log(outcome.findings[0].curl);
 */
export function verify(options: VerifyOptions): Promise<VerifyOutcome> {
  return new VerifyRun(options).execute();
}

/** Requests per second over a duration, rounded down to 0.1 (never above a cap it kept); 0 for no time at all. */
function requestRate(requests: number, durationMs: number): number {
  return durationMs > 0 ? Math.floor((requests / durationMs) * 10_000) / 10 : 0;
}
