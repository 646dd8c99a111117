import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';

const dir = await mkdtemp(join(tmpdir(), 'spec-cli-'));

describe('tasks-contract spec', () => {
  it('lists the operations and checks every example of the bundled spec', async () => {
    const result = await runCli(['spec']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('GET   /system/tasks/{taskId}  (getTask)');
    expect(result.stdout).toMatch(/16 operations, \d+ examples, 0 failing/);
  });

  it('exits 1 and names the example when an example breaks its schema', async () => {
    const spec = join(dir, 'bad-example.yaml');
    await writeFile(
      spec,
      'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /x:\n    get:\n      operationId: getX\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {type: object, required: [id], properties: {id: {type: integer}}}\n              examples:\n                Wrong: {value: {id: "7"}}\n',
    );
    const result = await runCli(['spec', '--spec', spec]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL getX 200 Wrong: /id must be integer; got "7" (string)');
  });

  // in this process, one after another: each refusal comes before any work
  it.each([
    [
      'a missing spec file',
      ['spec', '--spec', join(dir, 'nope.yaml')],
      /^tasks-contract: cannot read spec .*nope\.yaml: no such file\n$/,
    ],
    ['an unknown flag', ['spec', '--frobnicate'], /^tasks-contract: unknown option '--frobnicate' \(see --help\)\n$/],
    ['an unknown command', ['frobnicate'], /^tasks-contract: unknown command 'frobnicate' \(see --help\)\n$/],
  ])('answers %s with one line and exit 2', async (_label, args, expected) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stdout).toBe('');
  });

  it('answers an OpenAPI 3.0 file with one line and exit 2', async () => {
    const spec = join(dir, 'v30.yaml');
    await writeFile(spec, 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n');
    const result = await runCli(['spec', '--spec', spec]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^tasks-contract: spec .*v30\.yaml is OpenAPI 3\.0\.3; tasks-contract needs OpenAPI 3\.1\.x\n$/,
    );
  });
});

describe('tasks-contract validate', () => {
  it('passes a seed sample and fails a broken one with the pointer', async () => {
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    const sample = {
      generation: 129,
      created: 1634917446184,
      active: true,
      ownerId: 'f4630325200d48d3bd1c763e6d0dd904',
      type: 'BACKUP_RETENTION_TASK_TYPE',
      orgId: '0123456789ABCDEF',
      cronSchedule: { dayOfWeek: '?', hour: '*', month: '*', dayOfMonth: '*', minute: '0' },
      cronExpression: '0 0 * * * ?',
      itemId: 'f50816a3-6f67-4df0-879b-00bf39f5c7c3',
      runIntervalSeconds: 3600,
      taskType: 'BackupRetentionCleaner',
      taskState: 'active',
      taskTitle: 'backupRetentionCleanerTask',
      maxOccurrences: -1,
      id: '05422480f3014101a467314182f5d858',
      lastStart: 1635375600000,
      updated: 1634917446184,
      taskId: '05422480f3014101a467314182f5d858',
    };
    await writeFile(good, JSON.stringify(sample));
    await writeFile(bad, JSON.stringify({ ...sample, taskState: 'running' }));
    const result = await runCli(['validate', good, bad]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`ok   ${good}`);
    expect(result.stdout).toContain(`FAIL ${bad}`);
    expect(result.stdout).toContain(
      '/taskState must be one of "active", "paused"; got "running" [variant BackupRetentionCleaner]',
    );
  });

  it('answers an unknown schema name and a non-JSON file with one line and exit 2', async () => {
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{nope');
    const unknownSchema = await runCli(['validate', '--schema', 'Nope', notJson]);
    expect(unknownSchema.code).toBe(2);
    expect(unknownSchema.stderr).toMatch(
      /^tasks-contract: --schema Nope is not in the contract; use one of: .*Task.*\n$/,
    );
    const badJson = await runCli(['validate', notJson]);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/^tasks-contract: .*not\.json is not JSON: /);
  });
});
