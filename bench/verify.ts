import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateFixtureSet } from '../src/fixtures/index.js';
import { obtainToken } from '../src/http/token-client.js';
import { startMockServer } from '../src/mock/index.js';
import { verify } from '../src/runner/engine.js';
import { loadContract } from '../src/spec/load.js';

// `npm run bench verify`: a read-only verify of 1,000 tasks with 2 runs each against the embedded
// mock. The mock runs in one child process, verify in another, so that the peak RSS is verify's
// own. There is no peer tool for this; the figures are printed against the goals as ratios.

const TASKS = 1000;
const RUNS_PER_TASK = 2;
const GOAL = { seconds: 10, megabytes: 200 };
const self = fileURLToPath(import.meta.url);

interface VerifyFigures {
  seconds: number;
  requests: number;
  tasks: number;
  runs: number;
  findings: number;
  peakRssMb: number;
}

/** Child role 1: serve 1,000 generated tasks with 2 runs each; print the admin URL. */
async function serveMock(): Promise<void> {
  const fixtures = generateFixtureSet({ totalTasks: TASKS, runsPerTask: RUNS_PER_TASK });
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', fixtures });
  process.stdout.write(
    `${JSON.stringify({ adminUrl: mock.adminUrl, tokenUrl: mock.tokenUrl, ...mock.credentials })}\n`,
  );
  process.stdin.resume();
  process.stdin.on('end', () => void mock.close().then(() => process.exit(0)));
}

/** Child role 2: one read-only verify; print its figures, peak RSS from the kernel's own count. */
async function runVerify(target: {
  adminUrl: string;
  tokenUrl: string;
  username: string;
  password: string;
}): Promise<void> {
  const token = await obtainToken({
    tokenUrl: target.tokenUrl,
    username: target.username,
    password: target.password,
    referer: 'http://127.0.0.1',
  });
  const contract = await loadContract();
  const started = performance.now();
  const outcome = await verify({ contract, baseUrl: target.adminUrl, token, concurrency: 16 });
  const seconds = (performance.now() - started) / 1000;
  const figures: VerifyFigures = {
    seconds,
    requests: outcome.meta.requests,
    tasks: outcome.meta.tasks,
    runs: outcome.meta.runs,
    findings: outcome.findings.length,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** Runs this file in a role; BENCH_NODE_FLAGS (e.g. --max-old-space-size=120) go to node, to see what the heap really needs. */
function child(args: string[], onLine: (line: string) => void) {
  const proc = spawn(
    process.execPath,
    [...(process.env['BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean), self, ...args],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let buffer = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      onLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
    }
  });
  return proc;
}

export async function runVerifyBench(): Promise<void> {
  let mockProcess: ReturnType<typeof child> | undefined;
  const target = await new Promise<string>((resolve, reject) => {
    mockProcess = child(['--serve-mock'], resolve);
    mockProcess.on('exit', (code) => reject(new Error(`the mock exited (${code})`)));
  });
  try {
    const figures = await new Promise<VerifyFigures>((resolve, reject) => {
      const verifier = child(['--run-verify', target], (line) => resolve(JSON.parse(line) as VerifyFigures));
      verifier.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`verify exited (${code})`))));
    });
    const rate = figures.requests / figures.seconds;
    process.stdout.write(
      `\n== verify: read-only, ${figures.tasks} tasks with ${figures.runs} runs, embedded mock in a child process (no peer: ratios are goal / measured, > 1 meets the goal)\n` +
        `${'wall time'.padEnd(24)} ${figures.seconds.toFixed(2).padStart(10)} s      goal < ${GOAL.seconds} s     ratio ${(GOAL.seconds / figures.seconds).toFixed(2)}x\n` +
        `${'requests/s'.padEnd(24)} ${Math.round(rate).toLocaleString('en-US').padStart(10)}        (${figures.requests.toLocaleString('en-US')} requests, ${figures.findings} findings)\n` +
        `${'peak RSS (verify)'.padEnd(24)} ${figures.peakRssMb.toFixed(0).padStart(10)} MB     goal < ${GOAL.megabytes} MB   ratio ${(GOAL.megabytes / figures.peakRssMb).toFixed(2)}x\n`,
    );
  } finally {
    mockProcess?.stdin?.end();
  }
}

function isMain(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(self);
  } catch {
    return false;
  }
}

if (isMain()) {
  if (process.argv[2] === '--serve-mock') await serveMock();
  else if (process.argv[2] === '--run-verify')
    await runVerify(JSON.parse(process.argv[3]!) as Parameters<typeof runVerify>[0]);
}
