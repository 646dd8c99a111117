import { type ChildProcess, spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/package-root.js';
import { CliHost } from '../helpers/cli-host.js';
import { type Installed, installedPackage, type Ran } from './installed.js';

// Every command, run from the installed tarball (test/package/installed.ts) in a consumer project
// outside this tree: what `npm install arcgis-tasks-contract` gives a user, not the source tree.
// The servers (mock, pact stub) run as the installed binary; the one-shot commands run, one after
// another, in one Node process started in the consumer project that loaded the installed CLI once
// (test/helpers/cli-host.ts): the same code and files, without a Node start per command.
// test/package/pack.test.ts runs the binary itself (--version, --help, spec, a missing peer).

let pkg: Installed;
/** The installed package's folder (its bundled spec, scenarios and fixtures). */
let home: string;
let host: CliHost;
const cli = async (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> => {
  const { code, stdout, stderr } = await host.run(args, env);
  return { code: code ?? 1, stdout, stderr };
};

interface Server {
  readonly process: ChildProcess;
  readonly stdout: string;
  stop(): Promise<void>;
}

/** Starts a long-running command and waits for `ready` on its stdout (or its exit, which fails the test). */
function serve(args: readonly string[], ready: RegExp): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(pkg.cli, [...args], { cwd: pkg.project });
    let out = '';
    let err = '';
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (ready.test(out)) resolve({ process: child, stdout: out, stop });
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code} before it was ready: ${err}`)));
  });
}

const adminRootOf = (server: Server) => /admin root: +(\S+)/.exec(server.stdout)![1]!;

let scenarios: string[];
const mocked: Record<string, { code: number; tasks: number }> = {};
let spec: Ran;
let diff: Ran;
let gate: Ran;
let validate: Ran;
let missing: Ran;
let fixtures: Ran;
let verify: Ran;
let merge: Ran;
let recorded: Ran;
let drift: Ran;
let checkSpec: Ran;
let pactVerify: Ran;
let stubbed: { status: number; interactions: string };
let dashboard: { status: number; type: string | null; page: string };
let out: string;

/** The tasks the mock lists now, read with a token of its admin account. */
async function listedTasks(server: Server): Promise<number> {
  const login = new URLSearchParams({ username: 'admin', password: 'admin', f: 'json' });
  const tokenUrl = /token URL: +(\S+)/.exec(server.stdout)![1]!;
  const { token } = (await (await fetch(tokenUrl, { method: 'POST', body: login })).json()) as { token: string };
  const list = (await (await fetch(`${adminRootOf(server)}/system/tasks?f=json&token=${token}`)).json()) as {
    result?: unknown[];
  };
  return list.result?.length ?? -1;
}

/**
 * Serves every bundled scenario with the installed binary: the first by `--scenario` at start, the
 * others loaded by name into the same server (`POST /__mock/scenario`), both read from the package.
 */
async function serveEveryScenario(): Promise<void> {
  const [first, ...others] = scenarios;
  const server = await serve(['mock', '--port', '0', '--scenario', first!], /credentials:/);
  try {
    mocked[first!] = { code: 0, tasks: await listedTasks(server) };
    const control = new URL('/__mock/scenario', adminRootOf(server)).href;
    for (const name of others) {
      const res = await fetch(control, { method: 'POST', body: new URLSearchParams({ name }) });
      const loaded = (await res.json()) as { status?: string; scenario?: string };
      const ok = res.ok && loaded.status === 'success' && loaded.scenario === name;
      mocked[name] = { code: ok ? 0 : res.status, tasks: await listedTasks(server) };
    }
  } finally {
    await server.stop();
  }
}

/** Serves a pact with the installed binary and reads one of its GET interactions. */
async function serveThePactStub(pactFile: string): Promise<void> {
  const stub = await serve(['pact', 'stub', pactFile, '--port', '0'], /at http:\/\/\S+\n/);
  try {
    const url = /at (http:\/\/\S+)/.exec(stub.stdout)![1]!;
    const pact = JSON.parse(await readFile(pactFile, 'utf8')) as {
      interactions: { request: { method: string; path: string; query?: Record<string, string[]> } }[];
    };
    const get = pact.interactions.find((i) => i.request.method === 'GET')!.request;
    const pairs = Object.entries(get.query ?? {}).flatMap(([k, values]) => values.map((v): [string, string] => [k, v]));
    const query = pairs.length > 0 ? `?${new URLSearchParams(pairs).toString()}` : '';
    const res = await fetch(`${url}${get.path}${query}`);
    stubbed = { status: res.status, interactions: /serving (\d+) interaction/.exec(stub.stdout)![1]! };
  } finally {
    await stub.stop();
  }
}

beforeAll(async () => {
  pkg = await installedPackage();
  home = join(pkg.project, 'node_modules', 'arcgis-tasks-contract');
  host = CliHost.process(join(home, 'dist', 'src', 'cli', 'main.js'), pkg.project);
  out = join(pkg.project, `out-${process.pid}`);
  await mkdir(join(out, 'pacts'), { recursive: true });
  // a user's own pacts: the ones this repository's consumers wrote
  const pactDir = join(packageRoot(), 'contracts', 'pacts');
  const pacts = (await readdir(pactDir)).filter((f) => f.endsWith('.json'));
  await Promise.all(pacts.map((f) => copyFile(join(pactDir, f), join(out, 'pacts', f))));
  const pactFiles = pacts.map((f) => join(out, 'pacts', f));
  const bundledSpec = join(home, 'spec', 'openapi.yaml');
  scenarios = (await readdir(join(home, 'mocks', 'scenarios')))
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .map((f) => f.replace(/\.json$/, ''));

  // the short commands take turns in the host; meanwhile the servers start and answer, one at a time
  const served = serveEveryScenario().then(() => serveThePactStub(pactFiles[0]!));
  served.catch(() => undefined); // awaited below, after the commands
  [spec, diff, gate, fixtures, missing, checkSpec, pactVerify] = await Promise.all([
    cli(['spec', '--json']),
    cli(['spec', 'diff', bundledSpec, bundledSpec]),
    cli([
      'spec',
      'gate',
      bundledSpec,
      bundledSpec,
      '--scenarios',
      join(home, 'mocks', 'scenarios'),
      '--fixtures',
      join(home, 'mocks', 'fixtures'),
      '--pacts',
      join(out, 'pacts'),
    ]),
    cli(['fixtures', '--type', 'all', '--count', '5', '--seed', '3']),
    cli(['validate', join(out, 'nope.json')]),
    cli(['pact', 'check-spec', ...pactFiles]),
    cli(['pact', 'verify', ...pactFiles]),
  ]);
  // gently: on a loaded machine a burst of requests beside other processes can be reset
  const reports = [
    '--report',
    `junit:${out}/v.xml`,
    '--report',
    `json:${out}/v.json`,
    '--report',
    `html:${out}/v.html`,
  ];
  verify = await cli(['verify', '--concurrency', '2', '--timeout', '60', ...reports]);
  await writeFile(
    join(out, 'task.json'),
    JSON.stringify((JSON.parse(fixtures.stdout) as { tasks: unknown[] }).tasks[0]),
  );
  [validate, merge] = await Promise.all([
    cli(['validate', join(out, 'task.json')]),
    cli(['report', 'merge', join(out, 'v.json'), '--report', `json:${out}/merged.json`]),
  ]);

  await served;

  // a live site to record and to read for drift, whose dashboard is read too (its page's files ship)
  const site = await serve(['mock', '--port', '0'], /credentials:/);
  try {
    const page = await fetch(/dashboard: +(\S+)/.exec(site.stdout)![1]!);
    dashboard = { status: page.status, type: page.headers.get('content-type'), page: await page.text() };
    const env = { TASKS_CONTRACT_USERNAME: 'admin', TASKS_CONTRACT_PASSWORD: 'admin' };
    recorded = await cli(['record', '--base-url', adminRootOf(site), '--out', join(out, 'rec')], env);
    drift = await cli(['drift', join(out, 'rec'), '--report', `json:${out}/drift.json`]);
  } finally {
    await site.stop();
  }
}, 600_000);

afterAll(() => host?.close());

describe('the installed CLI', () => {
  it('loads the bundled contract, diffs and gates it against itself', () => {
    expect(spec.code).toBe(0);
    expect((JSON.parse(spec.stdout) as { operations: unknown[] }).operations).toHaveLength(16);
    expect([diff.code, diff.stderr]).toEqual([0, '']);
    expect([gate.code, gate.stderr]).toEqual([0, '']);
  });

  it('generates fixtures that validate, and names a missing file plainly', () => {
    expect(fixtures.code).toBe(0);
    expect((JSON.parse(fixtures.stdout) as { tasks: unknown[] }).tasks).toHaveLength(5);
    expect([validate.code, validate.stderr]).toEqual([0, '']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^tasks-contract: cannot read .*nope\.json: no such file\n$/);
  });

  it('serves the dashboard page with its own style and script', () => {
    expect([dashboard.status, dashboard.type]).toEqual([200, expect.stringContaining('text/html')]);
    expect(dashboard.page).toMatch(/<style[^>]*>[^<]{100,}<\/style>/);
    expect(dashboard.page).toMatch(/<script[^>]*>[^<]{100,}/);
  });

  it('serves every bundled scenario', () => {
    expect(scenarios).toEqual(expect.arrayContaining(['default', 'failed-backup', 'empty']));
    for (const name of scenarios) expect([name, mocked[name]?.code]).toEqual([name, 0]);
    expect(mocked['empty']!.tasks).toBe(0);
    expect(mocked['failed-backup']!.tasks).toBeGreaterThan(0);
  });

  it('verifies the embedded mock and writes every report format', async () => {
    expect([verify.code, verify.stderr]).toEqual([0, '']);
    expect(verify.stdout).toMatch(/Conforms/);
    expect(await readFile(join(out, 'v.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect(JSON.parse(await readFile(join(out, 'v.json'), 'utf8'))).toHaveProperty('findings');
    const html = await readFile(join(out, 'v.html'), 'utf8');
    expect(html).toMatch(/<style>[^<]{100,}<\/style>/); // the stylesheet the tarball ships, inlined
    expect([merge.code, merge.stderr]).toEqual([0, '']);
    expect(JSON.parse(await readFile(join(out, 'merged.json'), 'utf8'))).toHaveProperty('findings');
  });

  it('records a live site and reads the recording for drift', async () => {
    expect([recorded.code, recorded.stderr]).toEqual([0, '']);
    expect(await readFile(join(out, 'rec', 'traffic.har'), 'utf8')).toMatch(/"log"/);
    expect([drift.code, drift.stderr]).toEqual([0, '']);
    expect(JSON.parse(await readFile(join(out, 'drift.json'), 'utf8'))).toBeInstanceOf(Object);
  });

  it('checks pacts against the spec, verifies them on the embedded mock and serves them as a stub', () => {
    expect([checkSpec.code, checkSpec.stderr]).toEqual([0, '']);
    expect([pactVerify.code, pactVerify.stderr]).toEqual([0, '']);
    expect(Number(stubbed.interactions)).toBeGreaterThan(0);
    expect(stubbed.status).toBe(200);
  });
});
