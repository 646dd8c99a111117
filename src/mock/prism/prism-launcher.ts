import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadContractCached } from '../../contract/load.js';
import type { FixtureSet } from '../../fixtures/index.js';
import { prismSpec } from './prism-spec.js';

export interface PrismOptions {
  readonly specPath: string;
  /** The examples `prism mock` serves (see prismSpec); the proxy (`upstream`) needs none. */
  readonly fixtures?: Pick<FixtureSet, 'tasks' | 'runs'>;
  /** Prism needs a real port; 0 picks a free one here. */
  readonly port: number;
  readonly host: string;
  readonly context: string;
  /** Prism's `-v`; default `silent`. */
  readonly verbosity?: string;
  /** Where Prism's output goes; default inherited. */
  readonly stdio?: 'inherit' | 'ignore' | 'pipe';
  readonly startTimeoutMs?: number;
  /**
   * Run Prism's validation proxy in front of this server (e.g. the embedded mock's root) instead of
   * Prism's mock: requests the contract refuses get Prism's error (`--errors`), the others are
   * forwarded and their answers validated too.
   */
  readonly upstream?: string;
  /**
   * Stops the start-up at any instant (a SIGINT/SIGTERM the caller caught): Prism, if spawned, is
   * ended and the temp folder removed before the promise rejects with the signal's reason.
   */
  readonly signal?: AbortSignal;
}

export interface RunningPrism {
  readonly url: string;
  readonly adminUrl: string;
  readonly tokenUrl: string;
  readonly child: ChildProcess;
  /** Stops Prism (SIGINT, then SIGKILL) and removes the generated spec. */
  close(): Promise<void>;
}

/** The Prism this toolkit is tested with: an optional peer dependency, needed only for `--engine prism`. */
export const PRISM_PACKAGE = '@stoplight/prism-cli@5.14.2';

/** Prism is not installed next to the toolkit (it is an optional peer dependency). */
export class PrismNotInstalledError extends Error {
  override readonly name = 'PrismNotInstalledError';
  constructor() {
    super(
      `Prism is not installed; it is an optional peer dependency: npm install --save-dev ${PRISM_PACKAGE} (on Node 20, also copy the "overrides" shown in this package's README)`,
    );
  }
}

/** The Prism CLI of the `@stoplight/prism-cli` installed beside the toolkit; `PrismNotInstalledError` when there is none. */
export function prismCliPath(): string {
  let manifest: string;
  try {
    manifest = createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json');
  } catch {
    throw new PrismNotInstalledError();
  }
  return join(dirname(manifest), 'dist', 'index.js');
}

/** A port nobody listens on right now (Prism cannot take port 0). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (child.exitCode !== null) throw new Error(`Prism exited with code ${child.exitCode} before answering`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`Prism did not answer within ${timeoutMs} ms`);
}

/**
 * Runs Prism on a generated copy of the contract whose examples are our fixtures (see prismSpec),
 * and resolves once it answers: `prism mock`, or with `upstream`, `prism proxy --errors`.
 *
 * @example
 * const prism = await startPrism({ specPath: defaultSpecPath(), fixtures, port: 0, host: '127.0.0.1', context: 'arcgis' });
 * await fetch(`${prism.adminUrl}/system/tasks/x?f=json&token=t`, { headers: { Prefer: 'example=CreateBackup' } });
 * await prism.close();
 */
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const cli = prismCliPath(); // before anything is written: no Prism, nothing to clean up
  const { signal } = options;
  signal?.throwIfAborted();
  const dir = await mkdtemp(join(tmpdir(), 'tasks-contract-prism-'));
  let child: ChildProcess | undefined;
  // whenever this process ends (a crash, process.exit, the end of the loop) Prism and the folder go too:
  // 'exit' listeners must be synchronous, hence SIGKILL and rmSync
  const onExit = () => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const close = async () => {
    process.off('exit', onExit);
    signal?.removeEventListener('abort', abort);
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  // an abort while Prism starts ends it at once; the start-up then rejects below
  const abort = () => child?.kill('SIGINT');
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const specFile = join(dir, 'openapi.json');
    await writeFile(
      specFile,
      JSON.stringify(await prismSpec(options.specPath, options.context, options.fixtures ?? { tasks: [], runs: {} })),
    );
    const port = options.port === 0 ? await freePort(options.host) : options.port;
    signal?.throwIfAborted();
    const common = ['-p', String(port), '-h', options.host, '-v', options.verbosity ?? 'silent', specFile];
    const args = options.upstream ? ['proxy', ...common, options.upstream, '--errors'] : ['mock', ...common];
    child = spawn(process.execPath, [cli, ...args], { stdio: options.stdio ?? 'inherit' });
    const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
    const { adminUrl, tokenUrl } = (await loadContractCached(options.specPath)).layout.urls(url, options.context);
    await waitUntilAnswering(`${adminUrl}/system/tasks?f=json`, child, options.startTimeoutMs ?? 30_000, signal);
    return { url, adminUrl, tokenUrl, child, close };
  } catch (error) {
    await close();
    throw signal?.aborted ? signal.reason : error;
  }
}
