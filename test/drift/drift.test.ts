import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from '@jest/globals';
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import { stringify } from 'yaml';
import { loadContract, loadContractCached } from '../../src/contract/load.js';
import { packageRoot } from '../../src/contract/package-root.js';
import { type DriftReport, driftReport, rawSpec, sourceFromDirectory } from '../../src/drift/index.js';
import { writeFixtureDirectory } from '../../src/fixtures/directory.js';
import type { FixtureSet } from '../../src/fixtures/types.js';
import type { Run, Task } from '../../src/shapes/contract-types.js';
import { ContractValidator } from '../../src/validation/contract-validator.js';
import { runCli } from '../helpers/cli.js';
import { type Json, seedData, startSeedServer } from '../verify/helpers/seed-server.js';

const dir = await mkdtemp(join(tmpdir(), 'drift-'));
const env = { TASKS_CONTRACT_TOKEN: '', TASKS_CONTRACT_USERNAME: '', TASKS_CONTRACT_PASSWORD: '' };
const clone = <T>(value: T): T => structuredClone(value);

/** A recording of the seed's three tasks and its run, changed by `change`, written as a fixture directory. */
async function recording(name: string, change: (tasks: Json[], run: Json) => Json[] | undefined): Promise<string> {
  const seed = await seedData();
  const tasks = seed.tasks.map(clone);
  const run = clone(seed.run);
  const extra = change(tasks, run) ?? [];
  const all = [...tasks, ...extra];
  const cleanGp = all.find((task) => task['taskType'] === 'CleanGPJobs')!;
  const set: FixtureSet = {
    meta: {
      seed: 'recorded',
      refDate: '2025-06-01T00:00:00.000Z',
      tasksPerType: 0,
      runsPerTask: 1,
      generator: 'test',
      siteVersion: '11.5',
    },
    tasks: all as unknown as Task[],
    runs: { [String(cleanGp['taskId'])]: [{ ...run, task: cleanGp } as unknown as Run] },
  };
  const path = join(dir, name);
  await writeFixtureDirectory(path, set);
  return path;
}

const byType = (tasks: Json[], type: string) => tasks.find((task) => task['taskType'] === type)!;

/** A site on a newer release: every kind of drift drift reports, at once. */
async function newerSite(name: string): Promise<string> {
  return recording(name, (tasks, run) => {
    for (const task of tasks) task['lastModifiedBy'] = 'admin';
    (byType(tasks, 'CreateBackup')['parameters'] as Json)['compression'] = 'zstd';
    delete byType(tasks, 'CleanGPJobs')['maxOccurrences'];
    byType(tasks, 'BackupRetentionCleaner')['generation'] = '129';
    byType(tasks, 'BackupRetentionCleaner')['lastStart'] = '2021-10-27T23:00:00Z';
    run['status'] = 'queued';
    run['durationMs'] = 3021;
    const webhook = {
      ...clone(byType(tasks, 'CleanGPJobs')),
      taskType: 'SendWebhooks',
      type: 'WEBHOOK_TASK_TYPE',
      taskTitle: 'webhooks',
      id: '9c0ffee0000000000000000000000001',
      taskId: '9c0ffee0000000000000000000000001',
      maxOccurrences: -1,
      parameters: { url: 'https://hooks.example.com/x' },
    };
    return [webhook];
  });
}

describe('drift of a recording against the contract', () => {
  let report: DriftReport;
  let path: string;

  beforeAll(async () => {
    path = await newerSite('newer');
    report = await driftReport(await loadContractCached(), await sourceFromDirectory(path));
  });

  it('lists unknown fields with their path, count, task types and samples', () => {
    expect(report.drift).toBe(true);
    expect(report.siteVersion).toBe('11.5');
    expect(report.analysis.unknownFields).toEqual([
      {
        kind: 'task',
        path: '/lastModifiedBy',
        count: 3,
        taskTypes: ['BackupRetentionCleaner', 'CleanGPJobs', 'CreateBackup'],
        samples: ['admin'],
      },
      { kind: 'run', path: '/durationMs', count: 1, taskTypes: ['CleanGPJobs'], samples: [3021] },
      { kind: 'task', path: '/parameters/compression', count: 1, taskTypes: ['CreateBackup'], samples: ['zstd'] },
    ]);
  });

  it('lists missing required fields, enum values, type differences and other broken rules', () => {
    const { missingRequired, enumValues, typeDifferences, otherViolations } = report.analysis;
    expect(missingRequired).toEqual([{ kind: 'task', path: '/maxOccurrences', count: 1, taskTypes: ['CleanGPJobs'] }]);
    expect(enumValues.map((e) => [e.kind, e.path, e.value, e.count])).toEqual([
      ['run', '/status', 'queued', 1],
      ['task', '/taskType', 'SendWebhooks', 1],
    ]);
    expect(typeDifferences).toEqual([
      {
        kind: 'task',
        path: '/generation',
        count: 1,
        taskTypes: ['BackupRetentionCleaner'],
        expected: 'integer',
        seen: ['string'],
        samples: ['129'],
      },
    ]);
    expect(otherViolations.map((e) => [e.kind, e.path, e.samples])).toEqual([
      ['task', '/lastStart', ['2021-10-27T23:00:00Z']],
    ]);
  });

  it('says how each date field is written', () => {
    const styles = Object.fromEntries(report.analysis.dateStyles.map((e) => [`${e.kind} ${e.path}`, e.styles]));
    expect(styles['task /created']).toEqual({ formatted: 2, 'epoch-ms': 2 });
    expect(styles['task /lastStart']).toEqual({ formatted: 2, 'epoch-ms': 1, 'iso-8601': 1 });
    expect(styles['run /modified']).toEqual({ formatted: 1 });
  });

  it('proposes a JSON Patch that, applied to a copy of the spec, makes every drifted document validate', async () => {
    expect(report.proposal.covers).toBe(true);
    expect(report.proposal.remaining).toEqual([]);
    const paths = report.proposal.patch.map((op) => `${op.op} ${op.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'add /components/schemas/TaskBase/properties/lastModifiedBy',
        'add /components/schemas/CreateBackupParameters/properties/compression',
        'add /components/schemas/Run/properties/durationMs',
        'add /components/schemas/RunStatus/enum/-',
        'replace /components/schemas/TaskBase/required',
        'replace /components/schemas/TaskBase/properties/generation',
        'replace /components/schemas/TaskBase/properties/lastStart',
        'add /components/schemas/SendWebhooksTask',
        'add /components/schemas/Task/oneOf/-',
        'add /components/schemas/Task/discriminator/mapping/SendWebhooks',
        'add /components/schemas/TaskType/enum/-',
      ]),
    );
    expect(report.proposal.yaml).toContain('op: add');

    // apply it ourselves, to a copy on disk: the loader takes it, and every document validates
    const contract = await loadContractCached();
    const patched = fastJsonPatch.applyPatch(
      await rawSpec(contract),
      clone(report.proposal.patch) as Operation[],
    ).newDocument;
    const file = join(dir, 'openapi.patched.yaml');
    await writeFile(file, stringify(patched));
    const validator = new ContractValidator(await loadContract(file));
    const source = await sourceFromDirectory(path);
    for (const sample of source.samples)
      expect(validator.forComponent(sample.kind === 'task' ? 'Task' : 'Run').validate(sample.value).violations).toEqual(
        [],
      );
    // ...and the unpatched contract does not: the test can fail
    const original = new ContractValidator(contract);
    expect(
      source.samples.some((s) => !original.forComponent(s.kind === 'task' ? 'Task' : 'Run').isValid(s.value)),
    ).toBe(true);

    // Spectral still accepts the patched spec (no errors)
    const bin = join(packageRoot(), 'node_modules', '.bin', 'spectral');
    const { stdout } = await promisify(execFile)(bin, ['lint', '--format', 'json', '--quiet', file], {
      cwd: packageRoot(),
    }).catch((e: { stdout: string }) => e);
    const errors = (JSON.parse(stdout || '[]') as { severity: number; code: string; message: string }[]).filter(
      (p) => p.severity === 0,
    );
    expect(errors).toEqual([]);
  });
});

describe('tasks-contract drift', () => {
  it('DIR: prints the report and the proposal, writes --report json and --patch, exits 1', async () => {
    const path = await newerSite('cli');
    const json = join(dir, 'drift.json');
    const patch = join(dir, 'drift.patch.json');
    const result = await runCli(['drift', path, '--report', `json:${json}`, '--patch', patch], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Fields the contract does not know (3):');
    expect(result.stdout).toContain(
      'task /lastModifiedBy  3 documents  on BackupRetentionCleaner, CleanGPJobs, CreateBackup  e.g. "admin"',
    );
    expect(result.stdout).toContain('run /status = "queued"');
    expect(result.stdout).toMatch(/Proposed contract change \(\d+ operations; with it, every document validates/);
    const written = JSON.parse(await readFile(json, 'utf8')) as DriftReport;
    expect(written.analysis.unknownFields).toHaveLength(3);
    expect(JSON.parse(await readFile(patch, 'utf8'))).toEqual(written.proposal.patch);
  });

  it('DIR without drift: exits 0', async () => {
    const path = await recording('clean', () => undefined);
    const result = await runCli(['drift', path], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No drift: every document fits the contract.');
  });

  it('OLD_DIR NEW_DIR: tasks added, removed and changed, runs, and new drift', async () => {
    const old = await recording('week-1', () => undefined);
    const now = await recording('week-2', (tasks, run) => {
      tasks.splice(tasks.indexOf(byType(tasks, 'BackupRetentionCleaner')), 1);
      byType(tasks, 'CreateBackup')['taskState'] = 'active';
      byType(tasks, 'CreateBackup')['active'] = true;
      byType(tasks, 'CleanGPJobs')['lastStart'] = 'Apr 23, 2021, 2:00:00 AM';
      run['runId'] = '4f0e1d2c3b4a59687766554433221100';
      const second = { ...clone(byType(tasks, 'CleanGPJobs')), taskTitle: 'second cleaner', id: 'a'.repeat(32) };
      return [{ ...second, taskId: 'a'.repeat(32), lastModifiedBy: 'admin' }];
    });
    const json = join(dir, 'compare.json');
    const result = await runCli(['drift', old, now, '--report', `json:${json}`], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`Tasks added (1):\n  ${'a'.repeat(32)} CleanGPJobs "second cleaner"`);
    expect(result.stdout).toContain('Tasks removed (1):\n  05422480f3014101a467314182f5d858 BackupRetentionCleaner');
    expect(result.stdout).toContain('Tasks changed (1):\n  5f0cdc50cf36460990bb6edfe9b60e08 "schedule2"');
    expect(result.stdout).toContain('/taskState: "paused" -> "active"');
    expect(result.stdout).toContain(
      '1 task only ran (lastStart, updated or generation moved); runs: 1 added, 1 removed',
    );
    expect(result.stdout).toContain('New fields the contract does not know (1):\n  task /lastModifiedBy');
    const diff = JSON.parse(await readFile(json, 'utf8')) as { changed: boolean };
    expect(diff.changed).toBe(true);
    const same = await runCli(['drift', old, old], { env });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No change between the two recordings.');
  });

  it('--base-url: reads a live site, read-only, and reports its drift', async () => {
    const seed = await startSeedServer({ mutateTask: (task: Json) => ({ ...task, lastModifiedBy: 'admin' }) });
    try {
      const result = await runCli(
        ['drift', '--base-url', seed.adminUrl, '--token', 'seed-token-0123456789', '--timeout', '30'],
        { env },
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`tasks-contract drift ${seed.adminUrl} (site), site version 11.4`);
      expect(result.stdout).toContain('task /lastModifiedBy  3 documents');
      expect(result.stdout).not.toContain('seed-token-0123456789');
    } finally {
      await seed.close();
    }
  });

  it.each([
    [['a', '--base-url', 'http://h/arcgis/admin'], /not both/],
    [['a', '--report', 'junit:x.xml'], /json reports only/],
    [[join(dir, 'missing')], /cannot read .*tasks\.json: no such file/],
  ])('2 for a usage error: %j', async (args, message) => {
    const result = await runCli(['drift', ...args], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
