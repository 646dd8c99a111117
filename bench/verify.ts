import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageRoot } from '../src/contract/package-root.js';
import { generateFixtureSet } from '../src/fixtures/index.js';
import { obtainToken } from '../src/http/token-client.js';
import { startMockServer } from '../src/mock/index.js';
import { cpuMs } from './cpu-time.js';
import { type BenchRow, printRows } from './report.js';

// `npm run bench verify`: `tasks-contract verify` (read-only, default concurrency) as a whole
// process against `mock` with 1,000 and then 5,000 tasks (2 runs each) in another process, in one
// run: the default plan (every resource judged once, a seeded sample read four ways) beside
// `--exhaustive` (every resource read four ways, the plan before issue 19), the peer. Each
// verify's peak RSS is its own (getrusage, written at exit by a preloaded hook) and its wall time
// runs from spawn to exit. The 1,000-task run is the baseline of the 5,000-task one: memory must
// stay flat as the site grows. The answers are checked: every task and run verified; findings are
// counted (the mock conforms: a finding is a timeout of a loaded machine, and is printed).
// Schemathesis, the peer the issue names, is a Python tool and PyPI is unreachable here: not run.

const SIZES = [1_000, 5_000] as const;
const RUNS_PER_TASK = 2;
const GOAL = { seconds1000: 3, megabytes1000: 120, flatRatio: 1.2, requestsPerTask: 6 };
const self = fileURLToPath(import.meta.url);

interface Served {
  readonly adminUrl: string;
  readonly tokenUrl: string;
  readonly username: string;
  readonly password: string;
  readonly tasks: number;
  readonly runs: number;
}

interface VerifyFigures {
  readonly label: string;
  readonly tasks: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly requests: number;
  readonly findings: number;
  /** CPU seconds of the verify process (user + system). */
  readonly cpuSeconds: number;
  /** CPU seconds the mock spent meanwhile (its process, every thread): the other side of the run. */
  readonly mockCpuSeconds: number;
}

/** Child role: serve `tasks` generated tasks with 2 runs each; print where, and how many runs. */
async function serveMock(tasks: number): Promise<void> {
  const fixtures = generateFixtureSet({ totalTasks: tasks, runsPerTask: RUNS_PER_TASK });
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', fixtures, clock: Date.now() });
  const runs = Object.values(fixtures.runs ?? {}).reduce((sum, list) => sum + list.length, 0);
  const served: Served = { adminUrl: mock.adminUrl, tokenUrl: mock.tokenUrl, ...mock.credentials, tasks, runs };
  process.stdout.write(`${JSON.stringify(served)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void mock.close().then(() => process.exit(0)));
}

async function startMock(tasks: number): Promise<{ served: Served; child: ChildProcess }> {
  const child = spawn(process.execPath, [self, '--serve-mock', String(tasks)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  const served = await new Promise<Served>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.includes('\n')) resolve(JSON.parse(buffer.slice(0, buffer.indexOf('\n'))) as Served);
    });
    child.on('exit', (code) => reject(new Error(`the mock exited (${code}) before serving`)));
  });
  return { served, child };
}

/**
 * One `tasks-contract verify` process against the served mock; its figures, after checking its
 * answer. `nodeFlags` go to node: `--heap-growing-percent=0` leaves V8's own heap growth in place
 * (verify bounds it unless node was given one), the baseline of the flat-memory figures.
 */
async function runVerify(
  served: Served,
  mockPid: number,
  reportFile: string,
  label: string,
  nodeFlags: string[] = [],
  verifyFlags: string[] = [],
): Promise<VerifyFigures> {
  const token = await obtainToken({ ...served, referer: 'http://127.0.0.1' });
  const hook = pathToFileURL(join(packageRoot(), 'dist/bench/peers/peak-rss-hook.js')).href;
  const cli = join(packageRoot(), 'dist/src/cli/main.js');
  const mockBefore = cpuMs(mockPid);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...nodeFlags,
      '--import',
      hook,
      cli,
      'verify',
      '--base-url',
      served.adminUrl,
      '--report',
      `json:${reportFile}`,
      ...verifyFlags,
    ],
    { stdio: ['ignore', 'ignore', 'inherit', 'pipe'], env: { ...process.env, TASKS_CONTRACT_TOKEN: token } },
  );
  let usage = '';
  (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (chunk: string) => (usage += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  const mockCpuSeconds = (cpuMs(mockPid) - mockBefore) / 1000;
  const report = JSON.parse(await readFile(reportFile, 'utf8')) as {
    conforms: boolean;
    meta: { tasks: number; runs: number; requests: number };
    findings: unknown[];
  };
  const { maxRssKb, cpuMicros } = JSON.parse(usage) as { maxRssKb: number; cpuMicros: number };
  if (code !== 0 && code !== 1) throw new Error(`verify of ${served.tasks} tasks (${label}): exit ${code}`);
  if (report.meta.tasks !== served.tasks || report.meta.runs !== served.runs)
    throw new Error(
      `verify read ${report.meta.tasks} tasks and ${report.meta.runs} runs; the mock serves ${served.tasks} and ${served.runs}`,
    );
  return {
    label,
    tasks: served.tasks,
    seconds,
    peakRssMb: maxRssKb / 1024,
    requests: report.meta.requests,
    findings: report.findings.length,
    cpuSeconds: cpuMicros / 1e6,
    mockCpuSeconds,
  };
}

const perTask = (f: VerifyFigures) => f.requests / f.tasks;

export async function runVerifyBench(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-verify-'));
  const byPlan: Record<'default' | 'exhaustive', VerifyFigures[]> = { default: [], exhaustive: [] };
  let unbounded: VerifyFigures | undefined;
  try {
    for (const tasks of SIZES) {
      const { served, child } = await startMock(tasks);
      try {
        const name = `${tasks.toLocaleString('en-US')} tasks`;
        byPlan.default.push(await runVerify(served, child.pid!, join(folder, `verify-${tasks}.json`), name));
        byPlan.exhaustive.push(
          await runVerify(
            served,
            child.pid!,
            join(folder, `verify-${tasks}-x.json`),
            `${name}, --exhaustive`,
            [],
            ['--exhaustive'],
          ),
        );
        if (tasks === SIZES[1])
          unbounded = await runVerify(
            served,
            child.pid!,
            join(folder, `verify-${tasks}-v8.json`),
            `${name}, V8's heap`,
            ['--heap-growing-percent=0'],
          );
      } finally {
        child.stdin!.end();
        await once(child, 'exit');
      }
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const [small, large] = byPlan.default as [VerifyFigures, VerifyFigures];
  process.stdout.write(
    `\n== verify: tasks-contract verify as a whole process, read-only, default concurrency, mock with ${RUNS_PER_TASK} runs per task in another process (machine shared: times are noisy)\n`,
  );
  for (const f of [...byPlan.default, ...byPlan.exhaustive, unbounded!]) {
    const rate = Math.round(f.requests / f.seconds).toLocaleString('en-US');
    process.stdout.write(
      `${f.label.padEnd(26)} ${f.seconds.toFixed(2).padStart(7)} s (CPU ${f.cpuSeconds.toFixed(2)} s, mock ${f.mockCpuSeconds.toFixed(2)} s)  ${rate.padStart(6)} requests/s  ` +
        `peak RSS ${f.peakRssMb.toFixed(0).padStart(4)} MB  ${f.requests.toLocaleString('en-US').padStart(7)} requests ` +
        `(${perTask(f).toFixed(2)} per task), ${f.findings} findings\n`,
    );
  }
  process.stdout.write(
    `1,000 tasks, default plan: verify used ${(small.cpuSeconds / small.mockCpuSeconds).toFixed(2)}x the CPU of the mock ` +
      `(${small.cpuSeconds.toFixed(2)} s vs ${small.mockCpuSeconds.toFixed(2)} s): on two cores the side with more CPU sets the pace\n`,
  );
  process.stdout.write(
    'Schemathesis (the peer issue 19 names) is not run: it is a Python tool and PyPI is unreachable from this machine.\n',
  );
  const versus: BenchRow[] = byPlan.default.flatMap((ours, i) => {
    const peer = byPlan.exhaustive[i]!;
    const size = ours.tasks.toLocaleString('en-US');
    const row = (name: string, a: number, b: number, unit: string): BenchRow => ({
      name: `${size} tasks: ${name}`,
      ours: a,
      peer: b,
      unit,
      higherIsBetter: false,
      peerName: '--exhaustive',
    });
    return [
      row('requests per task', perTask(ours), perTask(peer), 'requests'),
      row('wall time', ours.seconds, peer.seconds, 's'),
      row('CPU time of verify', ours.cpuSeconds, peer.cpuSeconds, 's'),
      row('peak RSS', ours.peakRssMb, peer.peakRssMb, 'MB'),
    ];
  });
  printRows('verify: the default plan vs --exhaustive (every resource four ways, the plan before issue 19)', versus);
  const goal = (name: string, ours: number, target: number, unit: string, text: string): BenchRow => ({
    name: `1,000 tasks: ${name} (goal / measured)`,
    ours,
    peer: target,
    unit,
    higherIsBetter: false,
    peerName: 'goal',
    goal: text,
  });
  printRows('verify: 1,000 tasks, default plan, against the goals (ratio >= 1 meets the goal)', [
    goal('requests per task', perTask(small), GOAL.requestsPerTask, 'requests', `<= ${GOAL.requestsPerTask}`),
    goal('wall time', small.seconds, GOAL.seconds1000, 's', `< ${GOAL.seconds1000} s`),
    // on a busy machine wall time waits for the CPU; verify's own CPU time is what it costs
    goal('CPU time of verify', small.cpuSeconds, GOAL.seconds1000, 's', `< ${GOAL.seconds1000} s`),
    goal('peak RSS', small.peakRssMb, GOAL.megabytes1000, 'MB', `< ${GOAL.megabytes1000} MB`),
  ]);
  const flat: BenchRow[] = [
    {
      name: 'peak RSS, 5,000 tasks vs 1,000 tasks',
      ours: large.peakRssMb,
      peer: small.peakRssMb,
      unit: 'MB',
      higherIsBetter: false,
      peerName: '1,000 tasks',
      goal: `5,000 / 1,000 <= ${GOAL.flatRatio}`,
    },
    {
      name: 'time per task, 5,000 tasks vs 1,000 tasks',
      ours: (large.seconds / large.tasks) * 1000,
      peer: (small.seconds / small.tasks) * 1000,
      unit: 'ms',
      higherIsBetter: false,
      peerName: '1,000 tasks',
    },
  ];
  printRows('verify: 5,000 tasks against the 1,000-task run (ratio = 1,000-task figure / 5,000-task figure)', flat);
  printRows('verify: 5,000 tasks, bounded heap growth vs V8 left to its own (node --heap-growing-percent=0)', [
    {
      name: 'peak RSS, 5,000 tasks',
      ours: large.peakRssMb,
      peer: unbounded!.peakRssMb,
      unit: 'MB',
      higherIsBetter: false,
      peerName: "V8's own",
    },
    {
      name: 'wall time, 5,000 tasks',
      ours: large.seconds,
      peer: unbounded!.seconds,
      unit: 's',
      higherIsBetter: false,
      peerName: "V8's own",
    },
  ]);
  process.stdout.write(
    `peak RSS 5,000 / 1,000 tasks: ${(large.peakRssMb / small.peakRssMb).toFixed(2)}x (goal <= ${GOAL.flatRatio}x)\n`,
  );
}

function isMain(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(self);
  } catch {
    return false;
  }
}

if (isMain() && process.argv[2] === '--serve-mock') await serveMock(Number(process.argv[3]));
