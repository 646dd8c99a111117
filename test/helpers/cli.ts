import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/contract/package-root.js';
import { CliHost, type CliResult } from './cli-host.js';

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
 * By default in a worker thread of this test process: the compiled `runCli` the binary calls, with
 * stdout, stderr and the environment swapped in for the call (calls take turns, as they share the
 * worker). A spawn costs a Node start and a module load per call, which a busy runner stretches to
 * seconds; the installed-package suite runs the real binary. `spawn: true`, stdin input, a `cwd` or
 * NODE_OPTIONS in `env` run a child process instead.
 */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const needsProcess =
    options.spawn === true ||
    options.input !== undefined ||
    options.cwd !== undefined ||
    options.env?.NODE_OPTIONS !== undefined;
  return needsProcess ? spawnCli(args, options) : runInProcess(args, options);
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
  void host?.close();
});

// One worker thread per test file runs the compiled CLI (the binary's own code), loaded once.
let host: CliHost | undefined;
function runInProcess(args: readonly string[], options: CliOptions): Promise<CliResult> {
  host ??= CliHost.thread(CLI_PATH);
  return host.run(args, { ...options.env });
}
