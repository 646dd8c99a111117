import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/contract/package-root.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly input?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Run the compiled binary as a child process: for what only a process shows (signals, a TTY, NODE_OPTIONS). */
  readonly spawn?: boolean;
}

/** The compiled CLI (built by test/global-setup.js before the suite). */
export const CLI_PATH = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

/**
 * Runs `tasks-contract <args>` and collects its exit code and output.
 *
 * In this test process by default: the same `runCli` the binary calls, with stdout, stderr, the
 * environment and the working directory swapped in for the call (calls take turns, as they share the
 * process). A spawn costs a Node start and a module load per call, which a busy runner stretches to
 * seconds; the installed-package suite runs the real binary. `spawn: true`, stdin input or
 * NODE_OPTIONS in `env` run a child process instead.
 */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const needsProcess = options.spawn === true || options.input !== undefined || options.env?.NODE_OPTIONS !== undefined;
  return needsProcess ? spawnCli(args, options) : inTurn(() => runInProcess(args, options));
}

/** Runs the compiled binary as a real child process; no wall-clock limit (Jest's test timeout is the only one). */
function spawnCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd ?? packageRoot(),
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

// a test that times out leaves its child behind: end them with the test file's process
const running = new Set<ReturnType<typeof spawn>>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

let turn: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const next = turn.then(work, work);
  turn = next.catch(() => undefined);
  return next;
}

async function runInProcess(args: readonly string[], options: CliOptions): Promise<CliResult> {
  const { runCli: run } = await import('../../src/cli/main.js');
  const restore = swapProcess(options);
  let code: number;
  try {
    code = await run(args);
  } catch (error) {
    // what the binary's entry does with an error that escapes runCli
    process.stderr.write(`tasks-contract: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 70;
  } finally {
    process.exitCode = undefined;
  }
  return { code, ...restore() };
}

/** Points stdout, stderr, the environment and the working directory at this call; returns what was written. */
function swapProcess(options: CliOptions): () => { stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture =
    (stream: 'stdout' | 'stderr') =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      out[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
  process.stdout.write = capture('stdout') as typeof process.stdout.write;
  process.stderr.write = capture('stderr') as typeof process.stderr.write;
  const savedEnv = { ...process.env };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const savedCwd = process.cwd();
  process.chdir(options.cwd ?? packageRoot());
  return () => {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    process.chdir(savedCwd);
    return out;
  };
}
