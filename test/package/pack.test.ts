import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/package-root.js';
import { filesReadAtRunTime } from './assets.js';
import { installedPackage, type Packed, type Ran, run } from './installed.js';

// The package as users get it (test/package/installed.ts: one `npm pack`, one install into a new
// ESM project outside the tree, shared by every file here), used through the CLI, an ESM import,
// the TypeScript types, and the journal matchers under real jest and real vitest.

const root = packageRoot();
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** Uses the public API: the mock, a token, a read, the contract, fixtures. */
const USE_MJS = `import { generateTask, loadContract, obtainToken, startMockServer } from 'arcgis-tasks-contract';
const mock = await startMockServer({ port: 0 });
const token = await obtainToken({ tokenUrl: mock.tokenUrl, ...mock.credentials, referer: mock.url });
const list = await (await fetch(mock.adminUrl + '/system/tasks?f=json&token=' + token)).json();
const contract = await loadContract();
console.log(JSON.stringify({ tasks: list.result.length, operations: contract.operations.length, type: generateTask('CreateBackup', { seed: 1 }).taskType }));
await mock.close();
`;
const USE_TS = `import { type CreateBackupTask, generateTask, loadContract, type RunningMock, startMockServer } from 'arcgis-tasks-contract';
const task = generateTask('CreateBackup', { seed: 1 }) as CreateBackupTask;
const id: string = task.taskId;
const passcode: string = task.parameters.passcode;
const mock: RunningMock = await startMockServer({ port: 0 });
const operations: number = (await loadContract()).operations.length;
await mock.close();
export { id, operations, passcode };
`;
/** Line 2 breaks the types on purpose: a package whose types were \`any\` would let it through. */
const WRONG_TS = `import { generateTask } from 'arcgis-tasks-contract';
export const id: number = generateTask('CreateBackup').taskId;
`;
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [join(root, 'node_modules', '@types')],
  },
  files: ['use.ts', 'wrong.ts'],
};

/** The journal matchers under jest (native ESM, no transform), as docs/use-in-your-project.md sets it up. */
const JEST_TEST = `import 'arcgis-tasks-contract/matchers/jest';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startMockServer } from 'arcgis-tasks-contract';
let mock;
beforeAll(async () => { mock = await startMockServer({ port: 0, scenario: 'failed-backup' }); });
afterAll(() => mock.close());
it('sees the list read', async () => {
  const login = new URLSearchParams({ username: 'admin', password: 'admin', f: 'json' });
  const { token } = await (await fetch(mock.tokenUrl, { method: 'POST', body: login })).json();
  await fetch(mock.adminUrl + '/system/tasks?f=json&token=' + token);
  expect(mock).toHaveReceived('listTasks');
  expect(mock).not.toHaveReceived('deleteTask');
});
it('fails on a request that was not made', () => {
  expect(mock).toHaveReceived('deleteTask');
});
`;
/**
 * The journal matchers under vitest: the repository's own vitest test (its types are checked by
 * `npm run typecheck` against src/), run here against the installed package.
 */
const VITEST_TEST = readFileSync(join(root, 'test', 'matchers', 'vitest', 'journal.vitest.ts'), 'utf8');

let packed: Packed;
let help: Ran;
let version: Ran;
let spec: Ran;
let prism: Ran;
let esm: Ran;
let types: Ran;
let jest: Ran;
let vitest: Ran;

interface RunnerReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

beforeAll(async () => {
  const pkg = await installedPackage();
  packed = pkg.packed;
  const project = pkg.project;
  const mine = `p${process.pid}`; // the shared project may serve another run: files of this one
  await Promise.all([
    writeFile(join(project, `${mine}-use.mjs`), USE_MJS),
    writeFile(join(project, `${mine}-use.ts`), USE_TS),
    writeFile(join(project, `${mine}-wrong.ts`), WRONG_TS),
    writeFile(
      join(project, `${mine}-tsconfig.json`),
      JSON.stringify({ ...TSCONFIG, files: [`${mine}-use.ts`, `${mine}-wrong.ts`] }),
    ),
    writeFile(join(project, `${mine}.jest.test.mjs`), JEST_TEST),
    writeFile(join(project, `${mine}.vitest.test.ts`), VITEST_TEST),
    writeFile(
      join(project, `${mine}-jest.config.json`),
      // the suite's own budget (jest.config.js): Jest's default 5 s let a slow start on a busy machine
      // fail the hook, and the mock it then started kept that jest from ever exiting
      JSON.stringify({
        testEnvironment: 'node',
        transform: {},
        testMatch: [`**/${mine}.jest.test.mjs`],
        testTimeout: 180_000,
      }),
    ),
  ]);
  const cli = pkg.cli;
  [help, version, spec, prism, esm, types] = await Promise.all([
    run(cli, ['--help'], project),
    run(cli, ['--version'], project),
    run(cli, ['spec', '--json'], project),
    run(cli, ['mock', '--engine', 'prism', '--port', '0'], project),
    run(process.execPath, [`${mine}-use.mjs`], project),
    run(process.execPath, [tsc, '-p', `${mine}-tsconfig.json`], project),
  ]);
  const jestBin = join(project, 'node_modules', 'jest', 'bin', 'jest.js');
  jest = await run(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings',
      jestBin,
      '--ci',
      '--config',
      `${mine}-jest.config.json`,
      '--json',
      `--outputFile=${mine}-jest.json`,
    ],
    project,
  );
  vitest = await run(
    process.execPath,
    [
      join(project, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      `${mine}.vitest.test.ts`,
      '--reporter=json',
      `--outputFile=${mine}-vitest.json`,
      // as the consumer's jest: the suite's budget, not vitest's 10 s for a hook
      '--hookTimeout=180000',
      '--testTimeout=180000',
    ],
    project,
    { CI: 'true', NO_COLOR: '1' },
  );
  jestReport = JSON.parse(readFileSync(join(project, `${mine}-jest.json`), 'utf8')) as RunnerReport;
  vitestReport = JSON.parse(readFileSync(join(project, `${mine}-vitest.json`), 'utf8')) as RunnerReport;
}, 600_000);

let jestReport: RunnerReport;
let vitestReport: RunnerReport;

describe('the npm package', () => {
  it('holds only what users run, under 2 MB unpacked', () => {
    const paths = packed.files.map((file) => file.path);
    const shipped =
      /^(dist\/src\/.+\.(js|d\.ts|css|html)|dist\/contract\.json|dist\/validators\/answers\.js|spec\/openapi\.yaml|mocks\/fixtures\/default\.json|mocks\/scenarios\/[\w.-]+\.json|contracts\/provider-states\.json|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/;
    expect(paths.filter((path) => !shipped.test(path))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'dist/src/cli/main.js',
        'dist/src/index.d.ts',
        'dist/contract.json',
        'dist/validators/answers.js',
        'spec/openapi.yaml',
      ]),
    );
    expect(packed.unpackedSize).toBeLessThan(2_000_000);
    // every compiled module has its source: nothing a deleted or moved source left in dist/ ships
    const orphans = paths.filter((path) => {
      const compiled = /^dist\/src\/(.+?)(\.d\.ts|\.js)$/.exec(path);
      if (!compiled) return false;
      return !existsSync(join(root, 'src', `${compiled[1]}.ts`)) && !existsSync(join(root, 'src', `${compiled[1]}.js`));
    });
    expect(orphans).toEqual([]);
  });

  it('holds every file the code reads at run time (found in src/ by import.meta.url and the package root)', () => {
    const paths = new Set(packed.files.map((file) => file.path));
    const needed = filesReadAtRunTime(root);
    expect(needed).toEqual(
      expect.arrayContaining([
        'dist/src/report/html/report.css',
        'dist/src/report/html/report.js',
        'mocks/scenarios/scenario.schema.json',
        'mocks/scenarios/failed-backup.json',
        'mocks/fixtures/default.json',
        'contracts/provider-states.json',
        'spec/openapi.yaml',
        'dist/contract.json',
        'package.json',
      ]),
    );
    expect(needed.filter((path) => !paths.has(path))).toEqual([]);
  });

  it('is publishable: no private flag, no install script, a license and a changelog', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      private?: boolean;
      scripts: Record<string, string>;
    };
    expect(manifest.private).toBeUndefined();
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(manifest.scripts[hook]).toBeUndefined();
    const paths = packed.files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md']));
  });

  it('installs a working CLI that knows its version', () => {
    expect([version.code, version.stdout]).toEqual([
      0,
      `${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/mock.*\n(.*\n)*.*verify/);
    expect(spec.code).toBe(0);
    expect((JSON.parse(spec.stdout) as { operations: unknown[] }).operations).toHaveLength(16);
  });

  it('asks for Prism in one line when --engine prism is used without it (an optional peer dependency)', () => {
    expect(prism.code).toBe(2);
    expect(prism.stderr).toBe(
      'tasks-contract: Prism is not installed; it is an optional peer dependency: npm install --save-dev @stoplight/prism-cli@5.14.2 (on Node 20, also copy the "overrides" shown in this package\'s README)\n',
    );
  });

  it('works as an ESM import: the mock, a token, a read, the contract, fixtures', () => {
    expect(esm.stderr).toBe('');
    const result = JSON.parse(esm.stdout) as { tasks: number; operations: number; type: string };
    expect(result.tasks).toBeGreaterThan(0);
    expect(result).toMatchObject({ operations: 16, type: 'CreateBackup' });
  });

  it('ships types that check real code and catch a wrong one', () => {
    const errors = types.stdout.split('\n').filter((line) => line.includes('error TS'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^p\d+-wrong\.ts\(2,14\): error TS2322: Type 'string' is not assignable to type 'number'/,
    );
  });

  it('runs the jest matchers under real jest (ESM): a pass and a caught failure', () => {
    expect(jestReport).toMatchObject({ numPassedTests: 1, numFailedTests: 1 });
    expect(jest.stderr).toMatch(/deleteTask/);
  });

  it('runs the vitest matchers under real vitest: a pass, and a caught failure that shows the near miss', () => {
    const results = vitestReport.testResults.flatMap((file) => file.assertionResults);
    expect(results.map((r) => [r.title.split(':')[0], r.status])).toEqual([
      ['passes', 'passed'],
      ['fails on purpose', 'failed'],
    ]);
    expect(vitest.code).toBe(1);
    const message = results[1]!.failureMessages.join('\n');
    expect(message).toContain('Expected the mock to have received enableTask with taskId');
    expect(message).toMatch(
      /Unmatched requests \(near misses\):\n {2}#3 POST \S+\/enabel -> unmatched 200 error 404 \(token: form\); closest: enableTask \(POST \/arcgis\/admin\/system\/tasks\/\{taskId\}\/enable\): path segment 6 is "enabel", the operation has "enable"/,
    );
  });
});
