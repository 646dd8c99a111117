import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/package-root.js';

// The package as users get it: `npm pack`, installed from the tarball into a new project (its
// dependencies from npm's cache, warm after `npm ci`), then used through the CLI, an ESM import and
// the TypeScript types. dist/ is fresh: the suite's global setup built it.

const exec = promisify(execFile);
interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
/** Runs a program to its end; a non-zero exit is a result, not an exception. */
const run = (file: string, args: string[], cwd: string): Promise<Ran> =>
  exec(file, args, { cwd, maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number | string; stdout?: string; stderr?: string; message: string }) => {
      if (typeof error.code !== 'number') throw error; // the program did not run at all
      return { code: error.code, stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
    },
  );

const root = packageRoot();
const dir = await mkdtemp(join(tmpdir(), 'tasks-contract-pack-'));
const project = join(dir, 'project');
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

let packed: { filename: string; size: number; unpackedSize: number; files: { path: string }[] };
let help: Ran;
let spec: Ran;
let prism: Ran;
let esm: Ran;
let types: Ran;

beforeAll(async () => {
  const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0]!;
  await mkdir(project);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const install = await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed.filename)],
    project,
  );
  if (install.code !== 0) throw new Error(`npm install of the tarball failed: ${install.stderr}`);
  await Promise.all([
    writeFile(join(project, 'use.mjs'), USE_MJS),
    writeFile(join(project, 'use.ts'), USE_TS),
    writeFile(join(project, 'wrong.ts'), WRONG_TS),
    writeFile(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG)),
  ]);
  const cli = join(project, 'node_modules', '.bin', 'tasks-contract');
  [help, spec, prism, esm, types] = await Promise.all([
    run(cli, ['--help'], project),
    run(cli, ['spec', '--json'], project),
    run(cli, ['mock', '--engine', 'prism', '--port', '0'], project),
    run(process.execPath, ['use.mjs'], project),
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], project),
  ]);
});

describe('the npm package', () => {
  it('holds only what users run, under 2 MB unpacked', () => {
    const paths = packed.files.map((file) => file.path);
    const shipped =
      /^(dist\/src\/.+\.(js|d\.ts)|dist\/contract\.json|spec\/openapi\.yaml|mocks\/fixtures\/default\.json|contracts\/provider-states\.json|package\.json|README\.md)$/;
    expect(paths.filter((path) => !shipped.test(path))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'dist/src/cli/main.js',
        'dist/src/index.d.ts',
        'dist/contract.json',
        'spec/openapi.yaml',
      ]),
    );
    expect(packed.unpackedSize).toBeLessThan(2_000_000);
  });

  it('installs a working CLI', () => {
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
    expect(errors[0]).toMatch(/^wrong\.ts\(2,14\): error TS2322: Type 'string' is not assignable to type 'number'/);
  });
});
