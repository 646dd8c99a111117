import { type Command, InvalidArgumentError, Option } from 'commander';
import type { FixtureSet } from '../fixtures/index.js';
import type { ErrorStatusMode } from '../mock/failure.js';
import { DEFAULT_JOURNAL_SIZE, MAX_JOURNAL_SIZE } from '../mock/journal/journal.js';
import type { MockOptions } from '../mock/options.js';
import { MASK } from '../redaction/index.js';
import { mockAccountFrom } from './environment.js';
import { keepHeapFlat } from './heap.js';
import { integerOption } from './parse-options.js';
import { RELEASE_CHOICES, releaseOption } from './release-option.js';
import { withSpecOption } from './spec-options.js';
import { UsageError } from './usage-error.js';

interface MockCommandOptions {
  port: number;
  host: string;
  context: string;
  seed?: string;
  release?: string;
  tasks?: number;
  username?: string;
  password?: string;
  viewer: string;
  errorStatus: ErrorStatusMode;
  latency?: { min: number; max: number };
  faultRate?: number;
  engine: 'embedded' | 'prism';
  spec: string;
  journalSize: number;
  log?: boolean;
  clock: string;
  scenario?: string;
  fixtures?: string;
  allowInvalidFixtures?: boolean;
  /** The old name of --allow-invalid-fixtures, still accepted (hidden from the help). */
  allowDrift?: boolean;
  controlToken?: string;
  ui: boolean;
}

function choice<T extends string>(name: string, values: readonly T[]) {
  return (raw: string): T => {
    if (!(values as readonly string[]).includes(raw))
      throw new InvalidArgumentError(`${name} must be one of ${values.join(', ')}, got "${raw}".`);
    return raw as T;
  };
}

function latencyOption(raw: string): { min: number; max: number } {
  const found = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(raw.trim());
  const min = Number(found?.[1]);
  const max = Number(found?.[2] ?? found?.[1]);
  if (!found || min > max)
    throw new InvalidArgumentError(`--latency must be MIN-MAX milliseconds (e.g. 20-200), got "${raw}".`);
  return { min, max };
}

function faultRateOption(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !(value >= 0 && value <= 1))
    throw new InvalidArgumentError(`--fault-rate must be a number from 0 to 1, got "${raw}".`);
  return value;
}

function contextOption(raw: string): string {
  if (!/^[A-Za-z0-9._~-]+$/.test(raw))
    throw new InvalidArgumentError(`--context must be one path segment (letters, digits, . _ ~ -), got "${raw}".`);
  return raw;
}

function viewerAccount(raw: string): MockOptions['viewer'] {
  if (raw === 'none') return null;
  const colon = raw.indexOf(':');
  if (colon < 1 || colon === raw.length - 1) throw new UsageError('--viewer must be USER:PASSWORD or none.');
  return { username: raw.slice(0, colon), password: raw.slice(colon + 1) };
}

async function clockOption(raw: string): Promise<string> {
  if (raw === 'real') return raw;
  const { parseInstant } = await import('../mock/time/iso.js');
  try {
    parseInstant(raw);
  } catch (error) {
    throw new UsageError(`--clock must be real or ${(error as Error).message.replace(/^"[^"]*" is not /, '')}.`);
  }
  return raw;
}

/** Whether only this machine can reach an address (127.0.0.0/8, ::1, localhost). */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}

function listenError(error: unknown, options: MockCommandOptions): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    throw new UsageError(
      `port ${options.port} on ${options.host} is in use; pick another with --port (0 picks a free one).`,
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    throw new UsageError(`cannot listen on host ${options.host}; use an address of this machine (e.g. 127.0.0.1).`);
  if (code === 'EACCES') throw new UsageError(`not allowed to listen on port ${options.port}; use a port above 1023.`);
  throw error;
}

/** `tasks-contract mock`: the embedded stateful mock (default) or Prism on the contract, until SIGINT/SIGTERM. */
export function registerMockCommand(program: Command): void {
  withSpecOption(
    program
      .command('mock')
      .description('serve an offline ArcGIS Enterprise admin API (system/tasks) until stopped')
      .option('--port <n>', 'port (0 picks a free one)', integerOption('--port', 0, 65535), 4010)
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option(
        '--context <name>',
        'the deployment context: serves /<name>/admin and /<name>/sharing/rest',
        contextOption,
        'arcgis',
      )
      .option('--seed <seed>', 'seed of the generated data, new ids, faults and latency')
      .option(
        '--release <version>',
        `behave as this ArcGIS Enterprise release (${RELEASE_CHOICES}; default the newest)`,
        releaseOption,
      )
      .option(
        '--tasks <n>',
        'serve N generated tasks (all types) instead of the committed fixtures',
        integerOption('--tasks', 0, 100_000),
      )
      // no commander defaults here: --help would print a password taken from the environment
      .option('--username <name>', 'administrator user name (env TASKS_CONTRACT_USERNAME; default admin)')
      .option('--password <password>', 'administrator password (env TASKS_CONTRACT_PASSWORD; default admin)')
      .option('--viewer <user:password>', 'a user who is not an administrator (403), or none', 'viewer:viewer')
      .option(
        '--error-status <mode>',
        'errors with HTTP 200 (ArcGIS style) or the code as HTTP status: 200|http',
        choice('--error-status', ['200', 'http'] as const),
        '200',
      )
      .option('--latency <min-max>', 'add seeded latency to every answer, in ms (e.g. 20-200)', latencyOption)
      .option('--fault-rate <p>', 'share of answers (0..1) replaced by a seeded fault', faultRateOption)
      .option(
        '--journal-size <n>',
        'requests the journal keeps for GET /__mock/requests (0 turns it off)',
        integerOption('--journal-size', 0, MAX_JOURNAL_SIZE),
        DEFAULT_JOURNAL_SIZE,
      )
      .option('--log', 'print one line per request on stdout: time, method, path, operation, status, ms')
      .option(
        '--clock <real|instant>',
        "the mock's clock: real, or an ISO-8601 instant to start frozen at (e.g. 2025-06-01T00:00:00Z)",
        'real',
      )
      .option(
        '--scenario <name|file>',
        'start from a scenario: default, empty, failed-backup, paused-maintenance, large-site, expiring-token, or a .json file',
      )
      .option(
        '--fixtures <dir>',
        'serve a fixture directory: a recording (tasks-contract record) or fixtures --out; refused if it breaks the contract',
      )
      .option('--no-ui', 'do not serve the dashboard at /__mock/ui')
      .option(
        '--allow-invalid-fixtures',
        'serve --fixtures even where it breaks the contract (each break is listed on stderr)',
      )
      .addOption(new Option('--allow-drift').hideHelp())
      .option(
        '--control-token <secret>',
        'for shared hosts: control requests (/__mock/*) must send it as X-Mock-Control-Token or a bearer token',
      )
      .option(
        '--engine <engine>',
        'embedded (stateful, fast) or prism (Prism on the contract): embedded|prism',
        choice('--engine', ['embedded', 'prism'] as const),
        'embedded',
      ),
  ).action(async (options: MockCommandOptions) => {
    const seed =
      options.seed === undefined ? undefined : /^\d{1,9}$/.test(options.seed) ? Number(options.seed) : options.seed;
    const { username, password, passwordFromEnv } = mockAccountFrom(options);
    // the default and a --password are already on screen or in shell history; one from the environment stays secret
    const shownPassword = passwordFromEnv ? MASK : password;
    const mockOptions: MockOptions = {
      context: options.context,
      username,
      password,
      viewer: viewerAccount(options.viewer),
      errorStatus: options.errorStatus,
      specPath: options.spec,
      ...(seed === undefined ? {} : { seed }),
      ...(options.tasks === undefined ? {} : { tasks: options.tasks }),
      ...(options.latency ? { latency: options.latency } : {}),
      ...(options.faultRate === undefined ? {} : { faultRate: options.faultRate }),
      journalSize: options.journalSize,
      ui: options.ui,
      clock: await clockOption(options.clock),
      ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
      ...(options.release === undefined ? {} : { release: options.release }),
      ...(options.controlToken === undefined ? {} : { controlToken: options.controlToken }),
    };
    if (options.controlToken !== undefined && options.controlToken.length < 8)
      throw new UsageError('--control-token must be at least 8 characters.');
    if (mockOptions.viewer && mockOptions.viewer.username === mockOptions.username)
      throw new UsageError('--viewer must name another user than --username.');
    // imported here, not at the top: other commands should not pay for loading the mock; and module by
    // module, not through the mock's index, which would load Prism's launcher and more before the first answer
    const { startMockServer } = await import('../mock/start.js');
    const { ScenarioError } = await import('../mock/scenarios/scenario.js');
    const out = (line: string) => process.stdout.write(`${line}\n`);
    if (options.fixtures !== undefined && options.scenario !== undefined)
      throw new UsageError('--fixtures and --scenario both say what to serve; pick one.');
    if (options.fixtures !== undefined) {
      mockOptions.fixtures = await fixturesFrom(options.fixtures, options);
    } else if (options.allowInvalidFixtures || options.allowDrift) {
      throw new UsageError('--allow-invalid-fixtures goes with --fixtures DIR.');
    }
    if (options.engine === 'prism') {
      if (options.latency || options.faultRate !== undefined)
        throw new UsageError('--latency and --fault-rate need the embedded engine; Prism has no faults.');
      if (options.log || options.journalSize !== DEFAULT_JOURNAL_SIZE)
        throw new UsageError('--log and --journal-size need the embedded engine; Prism keeps no journal.');
      if (options.clock !== 'real' || options.scenario !== undefined)
        throw new UsageError('--clock and --scenario need the embedded engine; Prism has no clock and no state.');
      // from here on a signal must end Prism and its temp folder, whatever instant of start-up it comes at
      const stopping = new AbortController();
      const stopped = untilStopped();
      stopped.then((signal) => stopping.abort(signal));
      const { seedFixtures } = await import('../mock/fixture-source.js');
      const { PrismNotInstalledError, startPrism } = await import('../mock/prism/prism-launcher.js');
      const fixtures = await seedFixtures(mockOptions);
      const prism = await startPrism({
        specPath: options.spec,
        fixtures,
        port: options.port,
        host: options.host,
        context: options.context,
        signal: stopping.signal,
        // Prism takes a few seconds to start, far more on a busy machine; a signal still stops it at any instant
        startTimeoutMs: 120_000,
      }).catch((e: Error) => {
        if (stopping.signal.aborted) return undefined;
        throw new UsageError(e instanceof PrismNotInstalledError ? e.message : `Prism did not start: ${e.message}`);
      });
      if (!prism) {
        out(`stopped (${String(stopping.signal.reason)})`);
        return;
      }
      out(`tasks-contract mock (engine prism: stateless, examples from the fixtures; any token is accepted)`);
      out(`  base URL:   ${prism.url}`);
      out(`  admin root: ${prism.adminUrl}`);
      out(`  token URL:  ${prism.tokenUrl}`);
      out(`  Prefer: example=<TaskType> picks a task type. Ctrl+C stops.`);
      const ended = await Promise.race([stopped, once(prism.child)]);
      await prism.close();
      out(`stopped (${ended})`);
      return;
    }
    keepHeapFlat(); // the mock with its journal full under load: peak RSS 81 MB instead of 91 (src/cli/heap.ts)
    const logger = options.log ? (line: string) => out(line) : undefined;
    const mock = await startMockServer({ ...mockOptions, logger, port: options.port, host: options.host }).catch(
      (e: unknown) => {
        if (e instanceof ScenarioError) throw new UsageError(`--scenario ${e.message}`);
        return listenError(e, options);
      },
    );
    out(`tasks-contract mock (engine embedded, stateful)`);
    out(`  base URL:    ${mock.url}`);
    out(`  admin root:  ${mock.adminUrl}`);
    out(`  token URL:   ${mock.tokenUrl}`);
    out(`  dashboard:   ${mock.uiUrl ?? 'off (--no-ui)'}`);
    out(`  credentials: ${mock.credentials.username} / ${shownPassword} (administrator)`);
    if (mockOptions.viewer)
      out(`               ${mockOptions.viewer.username} / ${mockOptions.viewer.password} (not an administrator: 403)`);
    out(`  control:     POST ${mock.url}/__mock/reset, GET ${mock.url}/__mock/state, POST ${mock.url}/__mock/tasks`);
    out(
      `               GET|POST ${mock.url}/__mock/clock, GET|POST|DELETE ${mock.url}/__mock/outcomes, POST ${mock.url}/__mock/scenario`,
    );
    out(
      options.journalSize > 0
        ? `  journal:     GET|DELETE ${mock.url}/__mock/requests, GET ${mock.url}/__mock/requests/count (last ${options.journalSize.toLocaleString('en-US')} requests)`
        : '  journal:     off (--journal-size 0)',
    );
    const reading = mock.clock.read();
    out(`  clock:       ${reading.now}${reading.frozen ? ' (frozen)' : ''}; schedules run on it`);
    if (!isLoopback(options.host)) {
      process.stderr.write(
        `warning: listening on ${options.host}, not only this machine: other machines can reach the mock${
          options.controlToken === undefined ? ' and drive its control endpoints (set --control-token)' : ''
        }.\n`,
      );
    }
    out(`  Ctrl+C stops.`);
    const signal = await untilStopped();
    await mock.close();
    out(`stopped (${signal})`);
  });
}

/** A fixture directory to serve; its breaks of the contract listed on stderr, and refused without --allow-invalid-fixtures. */
async function fixturesFrom(dir: string, options: MockCommandOptions): Promise<FixtureSet> {
  const { loadFixtureDirectory, InvalidFixturesError } = await import('../mock/fixture-source.js');
  const { FixtureDirectoryError, problemLine } = await import('../fixtures/index.js');
  const err = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const allowInvalidFixtures = options.allowInvalidFixtures ?? options.allowDrift ?? false;
    const loaded = await loadFixtureDirectory(dir, { specPath: options.spec, allowInvalidFixtures });
    if (loaded.problems.length > 0) {
      err(
        `serving ${dir} although it breaks the contract in ${loaded.problems.length} place(s) (--allow-invalid-fixtures):`,
      );
      for (const problem of loaded.problems) err(`  ${problemLine(problem)}`);
    }
    return loaded.set;
  } catch (error) {
    if (error instanceof InvalidFixturesError) {
      for (const problem of error.problems) err(`  ${problemLine(problem)}`);
      throw new UsageError(error.message);
    }
    if (error instanceof FixtureDirectoryError) throw new UsageError(error.message);
    throw error;
  }
}

function once(child: { once(event: 'exit', listener: (code: number | null) => void): unknown }): Promise<string> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(`Prism exited with code ${code}`)));
}
