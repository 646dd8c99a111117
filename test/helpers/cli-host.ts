import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../../src/contract/package-root.js';

// One long-lived host for a compiled CLI (test/helpers/cli-worker.mjs): it loads `main.js` once with
// Node's own loader, then runs `runCli(args)` per call, with stdout, stderr and the environment swapped
// in for the call, so calls take turns. A worker thread shares this process's folder; a child process
// runs in its own `cwd` (a worker cannot change folder), as a user's shell would.

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

type Message = { ready?: boolean; id?: number } & CliResult;
const HOST_SCRIPT = join(packageRoot(), 'test', 'helpers', 'cli-worker.mjs');

export class CliHost {
  private readonly pending = new Map<number, (result: CliResult) => void>();
  private readonly ready: Promise<void>;
  private nextId = 0;
  private turn: Promise<unknown> = Promise.resolve();

  private constructor(private readonly host: Worker | ChildProcess) {
    this.ready = new Promise((resolve, reject) => {
      host.on('message', (message: Message) => {
        if (message.ready) return resolve();
        this.pending.get(message.id!)?.({ code: message.code, stdout: message.stdout, stderr: message.stderr });
        this.pending.delete(message.id!);
        if (this.pending.size === 0) this.unref();
      });
      host.once('error', reject);
      host.once('exit', (code) => {
        const ended = new Error(`the CLI host ended (${code})`);
        reject(ended);
        for (const settle of this.pending.values()) settle({ code: 70, stdout: '', stderr: `${ended.message}\n` });
        this.pending.clear();
      });
    });
  }

  /** A worker thread of this process, for the CLI at `mainPath`. */
  static thread(mainPath: string): CliHost {
    const url = pathToFileURL(mainPath).href;
    return new CliHost(new Worker(HOST_SCRIPT, { workerData: { mainUrl: url }, stdout: true, stderr: true }));
  }

  /** A child process in `cwd`, for the CLI at `mainPath` (e.g. an installed copy of the package). */
  static process(mainPath: string, cwd: string, env: NodeJS.ProcessEnv = process.env): CliHost {
    const url = pathToFileURL(mainPath).href;
    return new CliHost(
      fork(HOST_SCRIPT, [url], { cwd, env, execArgv: [], stdio: ['ignore', 'ignore', 'ignore', 'ipc'] }),
    );
  }

  /** Runs `<cli> <args>` with `env` added to the host's environment; calls take turns. */
  run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    const call = () =>
      this.ready.then(
        () =>
          new Promise<CliResult>((resolve) => {
            const id = this.nextId++;
            this.pending.set(id, resolve);
            this.ref();
            this.host instanceof Worker
              ? this.host.postMessage({ id, args: [...args], env })
              : this.host.send({ id, args: [...args], env });
          }),
      );
    const next = this.turn.then(call, call);
    this.turn = next.catch(() => undefined);
    return next;
  }

  /** Ends the host (calls under way answer code 70). */
  async close(): Promise<void> {
    if (this.host instanceof Worker) await this.host.terminate();
    else if (this.host.exitCode === null && this.host.signalCode === null) {
      const exited = new Promise((resolve) => this.host.once('exit', resolve));
      this.host.kill('SIGKILL');
      await exited;
    }
  }

  private ref(): void {
    if (this.host instanceof Worker) this.host.ref();
    else {
      this.host.ref();
      this.host.channel?.ref();
    }
  }

  private unref(): void {
    if (this.host instanceof Worker) this.host.unref();
    else {
      this.host.unref();
      this.host.channel?.unref();
    }
  }
}
