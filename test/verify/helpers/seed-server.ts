import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadContractCached } from '../../../src/contract/load.js';

/** The token the seed server accepts, and the administrator it issues it to. */
export const SEED_TOKEN = 'seed-token-0123456789';
const SEED_USER = { username: 'seedadmin', password: 'seed-password' };

export type Json = Record<string, unknown>;

/** What the seed server is about to answer; a `respond` hook may change it. */
export interface SeedAnswer {
  status: number;
  contentType: string;
  body: string;
  /** More headers (a redirect's `location`). */
  headers?: Record<string, string>;
}

export interface SeedRequest {
  readonly method: string;
  readonly kind: 'list' | 'task' | 'runs' | 'run' | 'token' | 'root' | 'other';
  readonly format: string;
  /** 'valid', 'invalid' or 'none'. */
  readonly auth: 'valid' | 'invalid' | 'none';
  readonly taskId?: string;
  readonly runId?: string;
  /** The task (and run) the path names exist: false for verify's error-path probes. */
  readonly known: boolean;
}

export interface SeedServerOptions {
  /** Changes each task before it is served (everywhere: list, read, runs' embedded task). */
  mutateTask?: (task: Json) => Json;
  /** Changes each run before it is served (runs list and run read). */
  mutateRun?: (run: Json) => Json;
  /** The runs of a task (after mutateTask), instead of the default (the seed's run for CleanGPJobs, none for others). */
  runsOf?: (task: Json) => Json[] | undefined;
  /** Changes one answer; `reset` cuts the connection, `stall` never answers. */
  respond?: (request: SeedRequest, answer: SeedAnswer) => SeedAnswer | 'reset' | 'stall' | undefined;
  /** Accept any token, or none. */
  noAuth?: boolean;
  /** The token it issues and accepts (default SEED_TOKEN) and its administrator (default SEED_USER). */
  token?: string;
  user?: { username: string; password: string };
  /** `currentVersion` at the admin root (default 11.4); `null`: the root answers 404. */
  siteVersion?: string | null;
}

export interface SeedServer {
  readonly adminUrl: string;
  readonly tokenUrl: string;
  readonly server: Server;
  close(): Promise<void>;
}

const clone = <T>(value: T): T => structuredClone(value);

/** The seed's three samples (from the spec's examples) and the spec's Run sample of the CleanGPJobs task. */
export async function seedData(): Promise<{ tasks: Json[]; run: Json }> {
  const contract = await loadContractCached();
  const examples = contract.operationsById
    .get('getTask')!
    .responses.get('200')!
    .content.get('application/json')!.examples;
  const tasks = ['CleanGPJobs', 'CreateBackup', 'BackupRetentionCleaner'].map(
    (name) => clone(examples.get(name)) as Json,
  );
  const run = clone(
    contract.operationsById.get('getRun')!.responses.get('200')!.content.get('application/json')!.examples.get('Run'),
  ) as Json;
  return { tasks, run };
}

function envelope(code: number, message: string): Json {
  return { error: { code, message, details: [] } };
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A small server of the tests' own that serves the seed's three tasks as they are (GET and POST,
 * f=json/pjson/html, token in the query or the form), with hooks to break exactly one thing.
 */
export async function startSeedServer(options: SeedServerOptions = {}): Promise<SeedServer> {
  const seed = await seedData();
  const tasks = seed.tasks.map((task) => (options.mutateTask ? options.mutateTask(clone(task)) : task));
  const byId = new Map(tasks.map((task) => [String(task['taskId']), task]));
  const cleanGp = tasks[0]!;
  const runs = new Map<string, Json[]>(tasks.map((task) => [String(task['taskId']), []]));
  const run = { ...seed.run, task: cleanGp };
  runs.set(String(cleanGp['taskId']), [options.mutateRun ? options.mutateRun(clone(run)) : run]);
  for (const task of tasks) {
    const own = options.runsOf?.(task);
    if (own) runs.set(String(task['taskId']), own);
  }

  const validToken = options.token ?? SEED_TOKEN;
  const user = options.user ?? SEED_USER;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const form = req.method === 'POST' ? await readForm(req) : new URLSearchParams();
    const param = (name: string) => form.get(name) ?? url.searchParams.get(name) ?? undefined;
    const format = param('f') ?? 'html';
    const token = param('token');
    const auth = token === undefined ? 'none' : token === validToken ? 'valid' : 'invalid';
    const path = url.pathname;

    let kind: SeedRequest['kind'] = 'other';
    let body: unknown = envelope(404, 'Not found.');
    let taskId: string | undefined;
    let runId: string | undefined;
    if (path === '/arcgis/admin' || path === '/arcgis/admin/') {
      kind = 'root';
      const version = options.siteVersion === undefined ? '11.4' : options.siteVersion;
      if (version !== null) body = { resources: ['system'], currentVersion: version };
    } else if (path === '/arcgis/sharing/rest/generateToken') {
      kind = 'token';
      body =
        param('username') === user.username && param('password') === user.password
          ? { token: validToken, expires: Date.now() + 3_600_000, ssl: false }
          : envelope(400, 'Unable to generate token.');
    } else {
      const match = /^\/arcgis\/admin\/system\/tasks(?:\/([^/]+)(?:\/runs(?:\/([^/]+))?(\/)?)?)?\/?$/.exec(path);
      const runsPath = /\/runs\/?$/.test(path);
      if (match) {
        taskId = match[1];
        runId = match[2];
        kind = !taskId ? 'list' : runId ? 'run' : runsPath ? 'runs' : 'task';
        if (!options.noAuth && auth === 'none') body = envelope(499, 'Token Required.');
        else if (!options.noAuth && auth === 'invalid') body = envelope(498, 'Invalid token.');
        else if (kind === 'list') body = { result: tasks };
        else if (!byId.has(taskId!)) body = envelope(404, `Task '${taskId}' does not exist.`);
        else if (kind === 'task') body = byId.get(taskId!);
        else if (kind === 'runs') body = { result: runs.get(taskId!) };
        else
          body = runs.get(taskId!)!.find((r) => r['runId'] === runId) ?? {
            status: 'error',
            messages: [`Run '${runId}' does not exist.`],
            code: 404,
          };
      }
    }
    if (!['html', 'json', 'pjson'].includes(format) && kind !== 'token')
      body = envelope(400, "Invalid value for parameter 'f'.");
    let answer: SeedAnswer =
      format === 'html' && kind !== 'token'
        ? {
            status: 200,
            contentType: 'text/html; charset=utf-8',
            body: `<!DOCTYPE html>\n<html><head><title>ArcGIS Enterprise Administrator Directory</title></head><body><pre>${JSON.stringify(body)}</pre></body></html>`,
          }
        : {
            status: 200,
            contentType: 'application/json; charset=utf-8',
            body: format === 'pjson' ? JSON.stringify(body, null, 2) : JSON.stringify(body),
          };
    const hooked = options.respond?.(
      {
        method: req.method ?? 'GET',
        kind,
        format,
        auth,
        ...(taskId ? { taskId } : {}),
        ...(runId ? { runId } : {}),
        known:
          (taskId === undefined || byId.has(taskId)) &&
          (runId === undefined || (runs.get(taskId ?? '') ?? []).some((r) => r['runId'] === runId)),
      },
      answer,
    );
    if (hooked === 'reset') {
      req.socket.destroy();
      return;
    }
    if (hooked === 'stall') return;
    if (hooked) answer = hooked;
    res.writeHead(answer.status, { ...answer.headers, 'content-type': answer.contentType });
    res.end(answer.body);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    adminUrl: `http://127.0.0.1:${port}/arcgis/admin`,
    tokenUrl: `http://127.0.0.1:${port}/arcgis/sharing/rest/generateToken`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
