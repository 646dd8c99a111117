import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/package-root.js';
import { CLI_PATH, runCli } from '../helpers/cli.js';

const started: ChildProcessWithoutNullStreams[] = [];
// a failed assertion must not leave a server behind
afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `tasks-contract mock ...` and resolves with its printed lines once it says how to stop it. */
async function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcessWithoutNullStreams; lines: string[]; output: () => string }> {
  const child = spawn(process.execPath, [CLI_PATH, 'mock', ...args], {
    cwd: packageRoot(),
    env: { ...process.env, ...env },
  });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  // wait on the process's own events, not a clock: a busy runner only makes this slower
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (stdout.includes('Ctrl+C stops')) resolve();
    };
    child.stdout.on('data', check);
    child.once('close', () => reject(new Error(`mock did not start: ${stdout}${stderr}`)));
  });
  return { child, lines: stdout.split('\n'), output: () => stdout + stderr };
}

const field = (lines: string[], label: string) =>
  lines
    .find((l) => l.trim().startsWith(label))!
    .split(/\s+/)
    .pop()!;

describe('tasks-contract mock', () => {
  it('prints the URLs and credentials, serves, and stops cleanly on SIGINT', async () => {
    const { child, lines, output } = await startCli(['--port', '0', '--seed', '9', '--tasks', '6']);
    const base = field(lines, 'base URL:');
    expect(field(lines, 'admin root:')).toBe(`${base}/arcgis/admin`);
    expect(field(lines, 'dashboard:')).toBe(`${base}/__mock/ui`);
    expect(await (await fetch(`${base}/__mock/ui`)).text()).toContain('<title>Mock dashboard');
    expect(output()).toContain('credentials: admin / admin (administrator)');
    expect(output()).toContain('viewer / viewer (not an administrator: 403)');
    const token = (
      (await (
        await fetch(field(lines, 'token URL:'), {
          method: 'POST',
          body: new URLSearchParams({ username: 'admin', password: 'admin', f: 'json' }),
        })
      ).json()) as { token: string }
    ).token;
    const list = (await (await fetch(`${base}/arcgis/admin/system/tasks?f=json&token=${token}`)).json()) as {
      result: unknown[];
    };
    expect(list.result).toHaveLength(6);
    expect(output()).not.toContain(token);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output()).toContain('stopped (SIGINT)');
  });

  it('--no-ui: serves no dashboard and says so', async () => {
    const { child, lines, output } = await startCli(['--port', '0', '--no-ui']);
    const base = field(lines, 'base URL:');
    expect(output()).toContain('dashboard:   off (--no-ui)');
    expect(await (await fetch(`${base}/__mock/ui`)).text()).not.toContain('<html');
    child.kill('SIGINT');
    await once(child, 'exit');
  });

  it('takes the credentials from the environment and stops on SIGTERM', async () => {
    const { child, lines, output } = await startCli(['--port', '0', '--error-status', 'http', '--context', 'ent'], {
      TASKS_CONTRACT_USERNAME: 'ops',
      TASKS_CONTRACT_PASSWORD: 'env-pass-1',
    });
    expect(output()).toContain('credentials: ops / ******** (administrator)');
    expect(output()).not.toContain('env-pass-1');
    const res = await fetch(`${field(lines, 'admin root:')}/system/tasks?f=json`);
    expect(res.status).toBe(499);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('prints a password given with --password, which the user typed anyway', async () => {
    const { child, output } = await startCli(['--port', '0', '--password', 'flag-pass-2'], {
      TASKS_CONTRACT_PASSWORD: 'env-pass-2',
    });
    expect(output()).toContain('credentials: admin / flag-pass-2 (administrator)');
    expect(output()).not.toContain('env-pass-2');
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it('does not show an environment password in --help', async () => {
    const result = await runCli(['mock', '--help'], { env: { TASKS_CONTRACT_PASSWORD: 'do-not-show-me' } });
    expect(result.stdout).toContain('--engine');
    expect(result.stdout).not.toContain('do-not-show-me');
  });

  it('says in one line, exit 2, that the port is taken', async () => {
    const first = await startCli(['--port', '0']);
    const port = new URL(field(first.lines, 'base URL:')).port;
    const second = await runCli(['mock', '--port', port]);
    first.child.kill('SIGINT');
    await once(first.child, 'exit');
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(
      `tasks-contract: port ${port} on 127.0.0.1 is in use; pick another with --port (0 picks a free one).\n`,
    );
  });

  // in this process, one after another: each refusal comes before any work
  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be between 0 and 65535/],
    [['--error-status', '500'], /--error-status must be one of 200, http/],
    [['--latency', '9-1'], /--latency must be MIN-MAX/],
    [['--fault-rate', '1.5'], /--fault-rate must be a number from 0 to 1/],
    [['--engine', 'wiremock'], /--engine must be one of embedded, prism/],
    [['--context', 'a/b'], /--context must be one path segment/],
    [['--viewer', 'nocolon'], /--viewer must be USER:PASSWORD or none/],
    [['--engine', 'prism', '--fault-rate', '0.1'], /--latency and --fault-rate need the embedded engine/],
    [['--journal-size', '-1'], /--journal-size must be between 0 and 1000000/],
    [['--journal-size', 'lots'], /--journal-size must be a whole number/],
    [['--engine', 'prism', '--log'], /--log and --journal-size need the embedded engine/],
    [['--engine', 'prism', '--scenario', 'empty'], /--clock and --scenario need the embedded engine/],
  ])('rejects %j with one line and exit 2', async (args, message) => {
    const result = await runCli(['mock', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--scenario and --clock: starts from the scenario, on its clock, and prints where the clock stands', async () => {
    const { child, lines, output } = await startCli(['--port', '0', '--scenario', 'failed-backup']);
    expect(output()).toContain('clock:       2025-06-01T08:00:00.000Z (frozen); schedules run on it');
    const base = field(lines, 'base URL:');
    const clock = await (
      await fetch(`${base}/__mock/clock`, { method: 'POST', body: new URLSearchParams({ advance: 'PT1H' }) })
    ).json();
    expect(clock).toEqual({ now: '2025-06-01T09:00:00.000Z', epochMs: Date.UTC(2025, 5, 1, 9), frozen: true });
    child.kill('SIGINT');
    await once(child, 'exit');
    const real = await startCli(['--port', '0', '--clock', '2030-01-01T00:00:00+01:00']);
    expect(real.output()).toContain('clock:       2029-12-31T23:00:00.000Z (frozen)');
    real.child.kill('SIGINT');
    await once(real.child, 'exit');
  });

  it('--engine prism serves the fixtures through Prism and stops it on SIGINT', async () => {
    const { child, lines } = await startCli(['--engine', 'prism', '--port', '0']);
    try {
      const res = await fetch(
        `${field(lines, 'admin root:')}/system/tasks/0123456789abcdef0123456789abcdef?f=json&token=t`,
        { headers: { Prefer: 'example=CreateBackup' } },
      );
      expect(((await res.json()) as { taskType: string }).taskType).toBe('CreateBackup');
    } finally {
      child.kill('SIGINT');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});

describe('tasks-contract mock --log --journal-size', () => {
  it('prints one line per request, no token in it, and keeps the journal size asked for', async () => {
    const { child, lines, output } = await startCli(['--port', '0', '--log', '--journal-size', '5']);
    try {
      const base = field(lines, 'base URL:');
      expect(output()).toContain(
        `journal:     GET|DELETE ${base}/__mock/requests, GET ${base}/__mock/requests/count (last 5 requests)`,
      );
      const answer = await fetch(field(lines, 'token URL:'), {
        method: 'POST',
        body: new URLSearchParams({ username: 'admin', password: 'admin', f: 'json' }),
      });
      const { token } = (await answer.json()) as { token: string };
      await (await fetch(`${base}/arcgis/admin/system/tasks?f=json&token=${token}`)).text();
      await (await fetch(`${base}/arcgis/admin/system/taks?f=json&token=${token}`)).text();
      const journal = (await (await fetch(`${base}/__mock/requests`)).json()) as { meta: { capacity: number } };
      expect(journal.meta.capacity).toBe(5);
      const logged = () =>
        output()
          .split('\n')
          .filter((line) => /^\d{4}-\d\d-\d\dT/.test(line));
      // the lines reach this process through a pipe, maybe after the answers: wait for them
      await new Promise<void>((resolve) => {
        const check = () => {
          if (logged().length >= 3) resolve();
        };
        child.stdout.on('data', check);
        child.stderr.on('data', check);
        check();
      });
      expect(logged()).toEqual([
        expect.stringMatching(/ POST \/arcgis\/sharing\/rest\/generateToken generateToken 200 [\d.]+ ms$/),
        expect.stringMatching(/ GET \/arcgis\/admin\/system\/tasks listTasks 200 [\d.]+ ms$/),
        expect.stringMatching(
          / GET \/arcgis\/admin\/system\/taks unmatched 200 error 404 [\d.]+ ms \(closest: listTasks/,
        ),
      ]);
      expect(output()).not.toContain(token);
    } finally {
      child.kill('SIGINT');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
