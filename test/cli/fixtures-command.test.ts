import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadContract } from '../../src/contract/load.js';
import { ContractValidator } from '../../src/validation/contract-validator.js';
import { runCli } from '../helpers/cli.js';

let dir: string;
let validator: ContractValidator;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fixtures-cli-'));
  validator = new ContractValidator(await loadContract());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tasks-contract fixtures', () => {
  it('writes a set as JSON to stdout', async () => {
    const result = await runCli([
      'fixtures',
      '--type',
      'CreateBackup',
      '--count',
      '3',
      '--seed',
      '42',
      '--date-style',
      'formatted',
      '--runs',
      '2',
    ]);
    expect(result.code).toBe(0);
    const set = JSON.parse(result.stdout) as {
      meta: Record<string, unknown>;
      tasks: Array<Record<string, unknown>>;
      runs: Record<string, unknown[]>;
    };
    expect(set.meta).toMatchObject({
      seed: 42,
      totalTasks: 3,
      types: ['CreateBackup'],
      dateStyle: 'formatted',
      runsPerTask: 2,
    });
    expect(set.tasks).toHaveLength(3);
    expect(set.tasks.every((t) => t['taskType'] === 'CreateBackup' && typeof t['created'] === 'string')).toBe(true);
    expect(validator.forComponent('TaskList').validate({ result: set.tasks }).violations).toEqual([]);
    for (const runs of Object.values(set.runs))
      expect(validator.forComponent('RunList').isValid({ result: runs })).toBe(true);
  });

  it('with --out, writes tasks.json, tasks/<id>.json, runs/<id>.json and meta.json', async () => {
    const out = join(dir, 'nested', 'set');
    const result = await runCli(['fixtures', '--type', 'all', '--count', '5', '--runs', '1', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const list = JSON.parse(await readFile(join(out, 'tasks.json'), 'utf8')) as { result: Array<{ taskId: string }> };
    expect(validator.forComponent('TaskList').isValid(list)).toBe(true);
    const ids = list.result.map((t) => `${t.taskId}.json`).sort();
    expect((await readdir(join(out, 'tasks'))).sort()).toEqual(ids);
    expect((await readdir(join(out, 'runs'))).sort()).toEqual(ids);
    const one = JSON.parse(await readFile(join(out, 'tasks', ids[0]!), 'utf8'));
    expect(validator.forComponent('Task').isValid(one)).toBe(true);
    expect(JSON.parse(await readFile(join(out, 'meta.json'), 'utf8'))).toMatchObject({ seed: 1, totalTasks: 5 });
  });

  it('reports the counts it made: 5 tasks over the 4 types are 2, 1, 1, 1, not "2 per type"', async () => {
    const result = await runCli(['fixtures', '--type', 'all', '--count', '5']);
    const set = JSON.parse(result.stdout) as { meta: Record<string, unknown>; tasks: { taskType: string }[] };
    const made: Record<string, number> = {};
    for (const task of set.tasks) made[task.taskType] = (made[task.taskType] ?? 0) + 1;
    expect(set.meta['tasksByType']).toEqual(made);
    expect(Object.values(made).sort()).toEqual([1, 1, 1, 2]);
    expect(set.meta['tasksPerType']).toBe(0);
    const even = JSON.parse((await runCli(['fixtures', '--type', 'all', '--count', '8'])).stdout) as typeof set;
    expect(even.meta['tasksPerType']).toBe(2);
  });

  // in this process, one after another: each refusal comes before any work
  it.each([
    [['--type', 'Backup'], /--type must be one of .* or all, got "Backup"/],
    [['--count', '-1'], /--count must be between 1/],
    [['--count', '0'], /--count must be between 1/],
    [['--count', 'ten'], /--count must be a whole number/],
    [['--ref-date', '2025-13-45'], /--ref-date must be an ISO 8601 date/],
    [['--ref-date', 'tomorrow'], /--ref-date must be an ISO 8601 date/],
    [['--date-style', 'iso'], /--date-style must be one of epoch, formatted, mixed/],
    [['--seed', '4294967296'], /--seed must be/],
  ])('bad input %j: one line, exit 2', async (args, message) => {
    const result = await runCli(['fixtures', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--release V makes only the types of V and records V in meta.siteVersion; a type V lacks is exit 2', async () => {
    const result = await runCli(['fixtures', '--release', '10.9.1', '--count', '6']);
    expect(result.code).toBe(0);
    const set = JSON.parse(result.stdout) as { meta: Record<string, unknown>; tasks: { taskType: string }[] };
    expect(set.meta['siteVersion']).toBe('10.9.1');
    expect(new Set(set.tasks.map((task) => task.taskType))).toEqual(
      new Set(['CleanGPJobs', 'CreateBackup', 'BackupRetentionCleaner']),
    );
    const refused = await runCli(['fixtures', '--release', '11.3', '--type', 'CreateHealthCheckReports']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no such tasks at release 11\.3/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an unwritable --out: one line, exit 2', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const result = await runCli(['fixtures', '--out', join(file, 'sub')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tasks-contract: cannot write fixtures to .*: ENOTDIR\n$/);
  });
});
