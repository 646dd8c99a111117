import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/package-root.js';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import { runCli } from '../helpers/cli.js';

// Set-up errors are one line and exit 2, never findings: a refused token, a base URL that is not an
// admin root, a wrong context. Typos get a suggestion; a report that cannot be written does not stop
// the others. The site is the real mock on port 0, whose token handling is the real one.

let mock: RunningMock;
let dir: string;
const noEnv = { TASKS_CONTRACT_TOKEN: '', TASKS_CONTRACT_USERNAME: '', TASKS_CONTRACT_PASSWORD: '' };
beforeAll(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1' });
  dir = await mkdtemp(join(tmpdir(), 'setup-errors-'));
});
afterAll(() => mock.close());

const oneLine = (stderr: string) => stderr.trim().split('\n');

describe('set-up errors', () => {
  it.concurrent.each([
    [['verify', '--token', 'bogus'], /^tasks-contract: the site refused the token \(498/],
    [['record', '--token', 'bogus', '--out', 'never'], /^tasks-contract: the site refused the token \(498/],
    [['drift', '--token', 'bogus'], /^tasks-contract: the site refused the token \(498/],
    [
      ['verify', '--username', 'viewer', '--password', 'viewer'],
      /^tasks-contract: the site refused the token's user \(403/,
    ],
  ])('%j against a site that refuses the token: exit 2, one line', async (args, message) => {
    const result = await runCli([...args, '--base-url', mock.adminUrl], { env: noEnv });
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('a base URL without the admin root names what to add', async () => {
    const result = await runCli(['verify', '--base-url', mock.url, '--token', 't'], { env: noEnv });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `tasks-contract: --base-url ${mock.url} is not an admin root (/{context}/admin, e.g. /arcgis/admin): use --base-url ${mock.url}/arcgis/admin\n`,
    );
  });

  it('a wrong context is no ArcGIS admin API there, not bad credentials', async () => {
    const result = await runCli([
      'verify',
      '--base-url',
      `${mock.url}/portal/admin`,
      '--username',
      'admin',
      '--password',
      'admin',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tasks-contract: no ArcGIS admin API at \S+\/portal\/sharing\/rest\/generateToken/);
    expect(result.stderr).not.toMatch(/credentials/);
  });
});

describe('the command line', () => {
  it.concurrent.each([
    [['verfy'], "tasks-contract: unknown command 'verfy'; did you mean verify? (see --help)\n"],
    [
      ['verify', '--base-ur', 'x'],
      "tasks-contract: unknown option '--base-ur'; did you mean --base-url? (see --help)\n",
    ],
    [['validate', 'nope.json'], 'tasks-contract: cannot read document nope.json: no such file\n'],
  ])('%j: one line that says what to fix', async (args, stderr) => {
    const result = await runCli(args);
    expect([result.code, result.stderr]).toEqual([2, stderr]);
  });

  it.concurrent.each([[['verify']], [['mock']], [['spec', 'gate']], [['pact', 'verify']], [['validate']]])(
    '%j --help names its defaults without the path of the machine it runs on',
    async (command) => {
      const result = await runCli([...command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain(packageRoot());
    },
  );

  it('--version prints the package version', async () => {
    const result = await runCli(['--version']);
    const { version } = JSON.parse(await readFile(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    expect([result.code, result.stdout]).toEqual([0, `${version}\n`]);
  });

  it('a report that cannot be written does not stop the others: each is written, one line, exit 2', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'x');
    const json = join(dir, 'out', 'v.json');
    const result = await runCli(
      ['verify', '--checks', 'transport', '--report', `html:${join(blocker, 'r.html')}`, '--report', `json:${json}`],
      { env: noEnv },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^tasks-contract: the html report \S+ was not written: a file is in the way of its folder\n$/,
    );
    expect(JSON.parse(await readFile(json, 'utf8'))).toHaveProperty('findings');
  });
});
