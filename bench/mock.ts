import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { defaultSpecPath, packageRoot } from '../src/contract/package-root.js';
import { freePort, prismCliPath } from '../src/mock/index.js';
import { cpuMs } from './cpu-time.js';
import { type BenchRow, printRows } from './report.js';

// GET one task with a token at 50 connections, in the same run: our mock (the CLI), Prism `-v silent`
// on the same spec, and a bare node:http server answering the same bytes (the ceiling). Each
// server is a child process (its peak RSS is its own; the load generator has the other core).
// The machine is shared, so ours and the bare server are loaded in alternation, in ROUNDS short
// slices each, and the median slice of each counts (drift hits both alike); Prism, ten times
// slower, gets one slice of the same total length.

export const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3);
export const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 4);
// Every server gets the same warm-up before it is measured: the mock's request path runs at about
// 0.6x of its steady rate for its first ~3 s under load, while V8 optimizes it.
export const WARM_UP_SECONDS = Number(process.env['BENCH_WARM_UP'] ?? 5);
export const CONNECTIONS = 50;

export interface Contender {
  readonly name: string;
  readonly args: (port: number) => string[];
  /** A URL that answers once the server is up. */
  readonly probe: (base: string) => string;
  /** The URL to load (may log in first). */
  readonly target: (base: string) => Promise<string>;
}

export interface Started {
  readonly contender: Contender;
  readonly child: ChildProcess;
  readonly url: string;
  readonly firstAnswerS: number;
}

export interface Load {
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly failures: number;
  /** The server's CPU time per answered request, µs (NaN when its process was not given). */
  readonly cpuUsPerRequest: number;
}

/**
 * On two or more cores, the load generator (autocannon, in this process) runs on CPU 0 and each
 * server on CPU 1, so they never compete for a core: unpinned, the figures swing by a third
 * depending on where the scheduler happens to put them.
 */
const PINNING = availableParallelism() >= 2 && existsSync('/usr/bin/taskset');

export function pinThisProcessToCpu0(): void {
  if (PINNING) execFileSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' });
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

export async function start(contender: Contender): Promise<Started> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const began = performance.now();
  const command = [process.execPath, ...contender.args(port)];
  const pinned = PINNING ? ['taskset', '-c', '1', ...command] : command;
  const child = spawn(pinned[0]!, pinned.slice(1), { stdio: 'ignore', cwd: packageRoot() });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${contender.name} exited with ${child.exitCode} before answering`);
    try {
      await (await fetch(contender.probe(base))).arrayBuffer();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  const firstAnswerS = (performance.now() - began) / 1000;
  return { contender, child, url: await contender.target(base), firstAnswerS };
}

/**
 * Loads `url` for `seconds` at CONNECTIONS connections (`request`: method, headers and body of each
 * request); with the server's `pid`, also its CPU time per request.
 */
export async function load(
  url: string,
  seconds: number,
  request: autocannon.Request = {},
  pid?: number,
): Promise<Load> {
  const before = pid === undefined ? Number.NaN : cpuMs(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, ...request });
  const cpu = pid === undefined ? Number.NaN : cpuMs(pid) - before;
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors,
    cpuUsPerRequest: (cpu * 1000) / Math.max(1, result.requests.total),
  };
}

export async function stop(started: Started): Promise<void> {
  const exited = once(started.child, 'exit');
  started.child.kill('SIGTERM');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Logs in to an embedded mock at `base` and picks its first CreateBackup task: what the loads read. */
export async function mockTokenAndTask(base: string): Promise<{ token: string; taskId: string }> {
  const res = await fetch(`${base}/arcgis/sharing/rest/generateToken`, {
    method: 'POST',
    body: new URLSearchParams({ username: 'admin', password: 'admin', f: 'json' }),
  });
  const { token } = (await res.json()) as { token: string };
  const state = (await (await fetch(`${base}/__mock/state`)).json()) as {
    tasks: { taskId: string; taskType: string }[];
  };
  return { token, taskId: state.tasks.find((t) => t.taskType === 'CreateBackup')!.taskId };
}

/** The update operation of the mock's first CreateBackup task, as a form POST with the token in the body. */
async function updateRequest(base: string): Promise<{ url: string; request: autocannon.Request; answer: string }> {
  const { token, taskId } = await mockTokenAndTask(base.replace(/\/arcgis\/admin.*$/, ''));
  const url = `${base.replace(/\/arcgis\/admin.*$/, '')}/arcgis/admin/system/tasks/${taskId}/update`;
  const body = new URLSearchParams({ f: 'json', token, title: 'bench' }).toString();
  const request = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body } as const;
  const answer = await (await fetch(url, { ...request })).text();
  if (!answer.includes('"success"')) throw new Error(`the update POST the bench loads is refused: ${answer}`);
  return { url, request, answer };
}

/** The bare server must answer the mock's bytes, or the comparison is not fair. */
async function sameAnswers(answers: { get: string; post: string }, url: string, post: autocannon.Request) {
  const get = await (await fetch(url)).text();
  const posted = await (
    await fetch(url, { method: 'POST', headers: post.headers as Record<string, string>, body: post.body as string })
  ).text();
  if (get !== answers.get || posted !== answers.post || !get.includes('"taskType":"CreateBackup"'))
    throw new Error('the bare server does not answer the bytes the mock answers');
}

export const median = (loads: Load[]): Load =>
  [...loads].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(loads.length / 2)]!;

/** The median of the slices' server CPU per request, µs. */
export const medianCpu = (loads: Load[]): number =>
  [...loads].map((l) => l.cpuUsPerRequest).sort((a, b) => a - b)[Math.floor(loads.length / 2)]!;

/**
 * Ours against the peer slice by slice, as ratios (1 or more: ours at least as good), and their median:
 * each pair of adjacent slices sees the machine at the same speed, which drifts between rounds.
 */
function pairedRatios(ours: readonly number[], peer: readonly number[], higherIsBetter: boolean): string {
  const ratios = ours.map((mine, i) => (higherIsBetter ? mine / peer[i]! : peer[i]! / mine));
  const sorted = [...ratios].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  const middle = sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
  return `${ratios.map((r) => r.toFixed(2)).join(', ')} (median ${middle.toFixed(2)}x)`;
}

export async function runMockBench(): Promise<void> {
  pinThisProcessToCpu0();
  const root = packageRoot();
  const anyTaskId = '5f0cdc50cf36460990bb6edfe9b60e08'; // Prism answers its first example whatever the id
  const mockTarget = async (base: string) => {
    const { token, taskId } = await mockTokenAndTask(base);
    return `${base}/arcgis/admin/system/tasks/${taskId}?f=json&token=${encodeURIComponent(token)}`;
  };
  const ours: Contender = {
    name: 'tasks-contract mock',
    args: (port) => [join(root, 'dist/src/cli/main.js'), 'mock', '--port', String(port)],
    probe: (base) => `${base}/arcgis/admin/system/tasks?f=json`,
    target: mockTarget,
  };
  const prism: Contender = {
    name: 'Prism -v silent',
    args: (port) => [prismCliPath(), 'mock', '-p', String(port), '-h', '127.0.0.1', '-v', 'silent', defaultSpecPath()],
    probe: (base) => `${base}/system/tasks?f=json&token=t`,
    target: async (base) => `${base}/system/tasks/${anyTaskId}?f=json&token=bench`,
  };
  // the bare server answers the bytes the mock answers (a GET of the task, an update POST)
  const bareAnswering = (getBody: string, postBody: string): Contender => ({
    name: 'bare node:http',
    args: (port) => [join(root, 'dist/bench/peers/bare-http.js'), String(port), getBody, postBody],
    probe: (base) => base,
    target: async (base) => base,
  });

  // the CLI, as `npm start` users run it: its first answer, its load, its peak RSS (the command keeps
  // V8's young generation at 16 MiB: src/cli/heap.ts; the library leaves the heap to its host)
  const m = await start(ours);
  // an update POST (title only: every other field keeps its value), checked once to be a success
  const update = await updateRequest(m.url);
  const answers = { get: await (await fetch(m.url)).text(), post: update.answer };
  const b = await start(bareAnswering(answers.get, answers.post));
  await sameAnswers(answers, b.url, update.request);
  const mLoads: Load[] = [];
  const bLoads: Load[] = [];
  const mPosts: Load[] = [];
  const bPosts: Load[] = [];
  await load(m.url, WARM_UP_SECONDS); // warm-up: JIT and caches
  await load(b.url, WARM_UP_SECONDS);
  for (let round = 0; round < ROUNDS; round++) {
    mLoads.push(await load(m.url, SECONDS, {}, m.child.pid));
    bLoads.push(await load(b.url, SECONDS, {}, b.child.pid));
    mPosts.push(await load(update.url, SECONDS, update.request, m.child.pid));
    bPosts.push(await load(b.url, SECONDS, update.request, b.child.pid));
  }
  const mRss = peakRssMb(m.child.pid!);
  const bRss = peakRssMb(b.child.pid!);
  await stop(m);
  await stop(b);

  const p = await start(prism);
  await load(p.url, WARM_UP_SECONDS);
  const pLoad = await load(p.url, SECONDS * ROUNDS);
  const pRss = peakRssMb(p.child.pid!);
  await stop(p);

  const rows = [
    { name: ours.name, load: median(mLoads), rss: mRss, first: m.firstAnswerS },
    { name: prism.name, load: pLoad, rss: pRss, first: p.firstAnswerS },
    { name: b.contender.name, load: median(bLoads), rss: bRss, first: b.firstAnswerS },
  ];
  process.stdout.write(
    `\n== mock: the servers (median of ${ROUNDS} alternating slices of ${SECONDS} s for ours and bare; Prism one slice of ${SECONDS * ROUNDS} s)\n`,
  );
  for (const r of rows) {
    process.stdout.write(
      `${r.name.padEnd(16)} ${Math.round(r.load.requestsPerSecond).toLocaleString('en-US').padStart(8)} req/s  p99 ${r.load.p99Ms} ms  ` +
        `peak RSS ${r.rss.toFixed(0)} MB  first answer ${r.first.toFixed(2)} s  failed answers ${r.load.failures}\n`,
    );
  }
  process.stdout.write(
    `rounds, req/s: ours ${mLoads.map((l) => Math.round(l.requestsPerSecond)).join(', ')}; bare ${bLoads.map((l) => Math.round(l.requestsPerSecond)).join(', ')}\n` +
      `rounds, CPU µs per GET: ours ${mLoads.map((l) => l.cpuUsPerRequest.toFixed(1)).join(', ')}; bare ${bLoads.map((l) => l.cpuUsPerRequest.toFixed(1)).join(', ')}; per POST: ours ${mPosts.map((l) => l.cpuUsPerRequest.toFixed(1)).join(', ')}; bare ${bPosts.map((l) => l.cpuUsPerRequest.toFixed(1)).join(', ')}\n`,
  );
  const rps = (loads: Load[]) => loads.map((l) => l.requestsPerSecond);
  const cpu = (loads: Load[]) => loads.map((l) => l.cpuUsPerRequest);
  process.stdout.write(
    'ours vs bare, round by round (adjacent slices):\n' +
      `  GET req/s ${pairedRatios(rps(mLoads), rps(bLoads), true)}; CPU per GET ${pairedRatios(cpu(mLoads), cpu(bLoads), false)}\n` +
      `  POST req/s ${pairedRatios(rps(mPosts), rps(bPosts), true)}; CPU per POST ${pairedRatios(cpu(mPosts), cpu(bPosts), false)}\n`,
  );

  const [mine, peerPrism, peerBare] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
  const vs = (peer: typeof mine, rpsGoal: string): BenchRow[] => [
    {
      name: `GET one task, ${CONNECTIONS} connections`,
      ours: mine.load.requestsPerSecond,
      peer: peer.load.requestsPerSecond,
      unit: 'req/s',
      higherIsBetter: true,
      peerName: peer.name,
      goal: rpsGoal,
    },
    {
      name: 'p99 latency',
      ours: mine.load.p99Ms,
      peer: peer.load.p99Ms,
      unit: 'ms',
      higherIsBetter: false,
      peerName: peer.name,
    },
    {
      name: 'peak RSS (VmHWM)',
      ours: mine.rss,
      peer: peer.rss,
      unit: 'MB',
      higherIsBetter: false,
      peerName: peer.name,
      goal: 'ours <= 90 MB (journal of 10,000 full)',
    },
    {
      name: 'time to first answer',
      ours: mine.first,
      peer: peer.first,
      unit: 's',
      higherIsBetter: false,
      peerName: peer.name,
      goal: 'ours < 0.3 s',
    },
  ];
  printRows('mock: tasks-contract mock (CLI) vs a bare node:http server answering the same bytes (the ceiling)', [
    ...vs(peerBare, '>= 0.90x'),
    {
      name: `update POST of one task, ${CONNECTIONS} conn.`,
      ours: median(mPosts).requestsPerSecond,
      peer: median(bPosts).requestsPerSecond,
      unit: 'req/s',
      higherIsBetter: true,
      peerName: peerBare.name,
      goal: '>= 0.85x',
    },
    // on two cores the load generator often sets the pace of both servers: the CPU each spends per
    // request is the steadier comparison of the work they do
    {
      name: 'CPU per GET of one task',
      ours: medianCpu(mLoads),
      peer: medianCpu(bLoads),
      unit: 'µs',
      higherIsBetter: false,
      peerName: peerBare.name,
      goal: '>= 0.90x',
    },
    {
      name: 'CPU per update POST',
      ours: medianCpu(mPosts),
      peer: medianCpu(bPosts),
      unit: 'µs',
      higherIsBetter: false,
      peerName: peerBare.name,
      goal: '>= 0.85x',
    },
  ]);
  printRows('mock: tasks-contract mock (CLI) vs Prism 5.14 static, -v silent, same spec', vs(peerPrism, '>= 10x'));
}
