import pLimit, { type LimitFunction } from 'p-limit';
import { curlCommand } from '../http/curl.js';
import { displayUrl, INVALID_TOKEN, type RequestSpec } from '../http/exchange.js';
import { Redactor } from '../http/redact.js';
import { Transport } from '../http/transport.js';
import type { ContractModel, OperationModel } from '../spec/model.js';
import { ContractValidator } from '../validation/contract-validator.js';
import { detectErrorEnvelope } from '../validation/envelope.js';
import { ApiMap, endpointName, type ResourceKind } from './api-map.js';
import { CHECK_NAMES, selectChecks } from './checks/registry.js';
import type { CollectionCheck, ExchangeCheck, ExchangeContext, PairCheck, Purpose } from './checks/types.js';
import { probeErrorPaths } from './error-probes.js';
import type { Finding, FindingDraft, Severity, ToolError } from './finding.js';
import type { Progress, VerifyOutcome } from './outcome.js';
import { inShard, type Shard, WHOLE } from './shard.js';
import { readSiteInfo, type SiteInfo } from './site-version.js';
import { Tally, type TallyRow } from './tally.js';
import { type ProbeDriver, runWriteProbes, type SendExtras } from './writes.js';

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
}

export const DEFAULTS = { timeoutMs: 10_000, concurrency: 8 } as const;

/** Reads of one resource: GET and POST, each with f=json and f=pjson. */
export interface ResourceReads {
  readonly getJson: ExchangeContext;
  readonly getPjson: ExchangeContext;
  readonly postJson: ExchangeContext;
  readonly postPjson: ExchangeContext;
}

/** The table's order: by path, GET before POST, then the registry's order of checks. */
function sortRows(rows: TallyRow[]): TallyRow[] {
  const key = (row: TallyRow) => {
    const [method = '', path = ''] = row.endpoint.split(' ');
    return [path, method, String(CHECK_NAMES.indexOf(row.check)).padStart(3, '0')].join('\u0000');
  };
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function resultItems(body: unknown): Record<string, unknown>[] {
  const result = (body as { result?: unknown } | null)?.result;
  return Array.isArray(result)
    ? result.filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object')
    : [];
}

/** A context kept for the collection checks, without its body text (they compare parsed JSON only). */
function slim(context: ExchangeContext): ExchangeContext {
  const response = context.exchange.response;
  return response
    ? { ...context, exchange: { ...context.exchange, response: { ...response, text: '', headers: {} } } }
    : context;
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
  private readonly validator: ContractValidator;
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
  private taskCount = 0;
  private runCount = 0;
  private site: SiteInfo = { version: undefined };

  constructor(private readonly options: VerifyOptions) {
    this.api = new ApiMap(options.contract, options.baseUrl);
    this.validator = ContractValidator.for(options.contract);
    const concurrency = options.concurrency ?? DEFAULTS.concurrency;
    this.transport = new Transport({
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxSockets: concurrency,
      token: options.token,
      insecure: options.insecure ?? false,
      ...(options.referer ? { referer: options.referer } : {}),
    });
    this.limit = pLimit(concurrency);
    this.checks = selectChecks(options.checks);
    // the admin root is the user's own URL: a short password equal to one of its segments must not mangle it
    this.redactor = new Redactor([options.token, ...(options.secrets ?? [])], { keep: [this.api.baseUrl] });
    this.shard = options.shard ?? WHOLE;
  }

  /** Remembers a secret so that every report masks it. */
  addSecret(secret: string): void {
    this.redactor.add(secret);
  }

  async execute(): Promise<VerifyOutcome> {
    const started = new Date();
    try {
      await this.readEverything();
      if (this.options.allowWrites) await runWriteProbes(this);
    } finally {
      this.transport.close();
    }
    const finished = new Date();
    const meta = {
      tool: 'tasks-contract verify',
      baseUrl: this.api.baseUrl,
      spec: this.options.contract.sourcePath,
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
      tasks: this.taskCount,
      runs: this.runCount,
      strict: this.options.strict ?? false,
      ...(this.site.version ? { siteVersion: this.site.version } : {}),
      ...(this.site.fullVersion ? { siteFullVersion: this.site.fullVersion } : {}),
    };
    return this.redactor.redact({
      meta,
      findings: this.findings,
      errors: this.errors,
      tally: sortRows(this.tally.toRows()),
      unreachable: this.transport.sent > 0 && this.transport.answered === 0,
    });
  }

  // ---- reading -------------------------------------------------------------------------------

  private async readEverything(): Promise<void> {
    this.site = await readSiteInfo(this.transport, this.api.baseUrl);
    const judgeList = this.shard.index === 1;
    const list = judgeList ? await this.readResource('list', {}) : undefined;
    const listContext =
      list?.getJson ?? (await this.send('list', this.api.read('list', 'get'), {}, 'read', 'json', { judge: false }));
    if (judgeList) {
      await this.probeSamples('list', {});
      await probeErrorPaths(this, {});
    }
    const tasks = resultItems(listContext.exchange.json);
    const taskIds = [
      ...new Set(
        tasks.map((task) => task['taskId'] ?? task['id']).filter((id): id is string => typeof id === 'string'),
      ),
    ];
    const mine = taskIds.filter((id) => inShard(id, this.shard));
    this.taskCount = mine.length;

    const taskReads = new Map<string, ExchangeContext>();
    let sampled = false;
    // tasks go through whole (task, runs, each run) a few at a time, so that what a task's reads
    // hold is let go before the next starts, instead of every task's reads waiting for its runs
    const taskLimit = pLimit(Math.max(2, this.options.concurrency ?? DEFAULTS.concurrency));
    await Promise.all(
      mine.map((taskId) =>
        taskLimit(async () => {
          const sample = !sampled;
          sampled = true;
          const read = await this.readResource('task', { taskId });
          taskReads.set(taskId, slim(read.getJson));
          const expectedTask = documentOf(read.getJson);
          const runs = await this.readResource('runs', { taskId }, expectedTask);
          const runIds = resultItems(runs.getJson.exchange.json)
            .map((run) => run['runId'])
            .filter((id): id is string => typeof id === 'string');
          this.runCount += runIds.length;
          const runReads = new Map<string, ExchangeContext>();
          await Promise.all(
            runIds.map(async (runId) => {
              const runRead = await this.readResource('run', { taskId, runId }, expectedTask);
              runReads.set(runId, slim(runRead.getJson));
            }),
          );
          this.judgeCollection(runs.getJson, 'runId', runReads, true);
          if (sample) {
            await this.probeSamples('task', { taskId });
            await this.probeSamples('runs', { taskId });
            const firstRun = runIds[0];
            if (firstRun) await this.probeSamples('run', { taskId, runId: firstRun });
            await probeErrorPaths(this, { taskId, ...(firstRun ? { runId: firstRun } : {}) });
          }
        }),
      ),
    );
    this.judgeCollection(listContext, 'taskId', taskReads, judgeList);
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
    for (const check of this.checks.pair) {
      if (check.pairs === 'json-pjson') {
        this.judgePair(check, getJson, getPjson);
        this.judgePair(check, postJson, postPjson);
      } else {
        this.judgePair(check, getJson, postJson);
      }
    }
    return { getJson, getPjson, postJson, postPjson };
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
    };
    if (extra.judge !== false) this.judgeExchange(context);
    this.options.onProgress?.({
      sent: this.transport.sent,
      done: this.done,
      findings: this.findings.length,
      tasks: this.taskCount,
    });
    return context;
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

  private judgeCollection(
    list: ExchangeContext,
    idField: string,
    reads: ReadonlyMap<string, ExchangeContext>,
    judgeList: boolean,
  ): void {
    if (list.exchange.fault || !list.exchange.response) return;
    for (const check of this.checks.collection) {
      const endpoint = endpointName(list.operation);
      let placed: ReturnType<CollectionCheck['run']>;
      try {
        placed = check.run({ list, idField, reads }).filter((draft) => judgeList || draft.at !== list);
      } catch (error) {
        this.errors.push({ check: check.name, endpoint, message: `the check failed: ${(error as Error).message}` });
        continue;
      }
      const worst = this.record(
        check.name,
        placed.map((draft) => ({ draft, at: draft.at })),
      );
      if (judgeList || placed.length > 0) this.tally.record(endpoint, check.name, worst);
    }
  }

  /** Runs one check on one context; `undefined` from `run` means "does not apply" and is not counted. */
  private judge(
    check: ExchangeCheck | PairCheck,
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
      this.record(
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
      const severity: Severity = draft.severity ?? 'error';
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
