import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { runCli } from '../helpers/cli.js';

const dir = await mkdtemp(join(tmpdir(), 'pact-cli-'));
const committed = ['contracts/pacts/BackupDashboard-ArcGISEnterpriseAdmin.json', 'contracts/pacts/OpsScript-ArcGISEnterpriseAdmin.json'];

async function pactFile(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const incompatible = {
  consumer: { name: 'Drifter' },
  provider: { name: 'ArcGISEnterpriseAdmin' },
  metadata: { pactSpecification: { version: '3.0.0' } },
  interactions: [
    {
      description: 'a task with a field the spec lacks',
      request: { method: 'GET', path: '/arcgis/admin/system/tasks/5f0cdc50cf36460990bb6edfe9b60e08', query: { f: ['json'] } },
      response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: { taskId: '5f0cdc50cf36460990bb6edfe9b60e08', taskType: 'CreateBackup', nextRun: 1 } },
    },
  ],
};

describe('tasks-contract pact check-spec', () => {
  it('passes the committed consumer pacts and answers can-i-deploy with yes', async () => {
    const result = await runCli(['pact', 'check-spec', ...committed]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/BackupDashboard\s+-> ArcGISEnterpriseAdmin\s+yes\s+\(4 compatible/);
    expect(result.stdout).toMatch(/OpsScript\s+-> ArcGISEnterpriseAdmin\s+yes\s+\(3 compatible/);
  });

  it('exits 1 for an incompatible pact and writes JUnit and JSON reports', async () => {
    const junit = join(dir, 'check.xml');
    const json = join(dir, 'check.json');
    const result = await runCli(['pact', 'check-spec', committed[1]!, await pactFile('drift.json', incompatible), '--report', `junit:${junit}`, '--report', `json:${json}`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL Drifter: a task with a field the spec lacks');
    expect(result.stdout).toMatch(/Drifter\s+-> ArcGISEnterpriseAdmin\s+no/);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(await readFile(junit, 'utf8'));
    const suites = xml.testsuites.testsuite as { testcase: unknown | unknown[]; '@_failures': string; '@_tests': string }[];
    expect(suites.map((s) => [s['@_tests'], s['@_failures']])).toEqual([['3', '0'], ['1', '1']]);
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report).toMatchObject({ command: 'pact check-spec', failed: true });
    expect(report.matrix.map((row: { consumer: string; compatible: boolean }) => [row.consumer, row.compatible])).toEqual([['OpsScript', true], ['Drifter', false]]);
    expect(report.verdicts[3].reasons[0]).toMatchObject({ pointer: '/nextRun' });
  });

  it.each([
    ['a missing pact file', async () => join(dir, 'missing.json'), /^tasks-contract: cannot read pact .*missing\.json: no such file\n$/],
    ['a file that is not JSON', async () => pactFile('broken.json', '{"consumer":'), /^tasks-contract: .*broken\.json is not JSON: /],
    ['an unknown pact version', async () => pactFile('v9.json', { ...incompatible, metadata: { pactSpecification: { version: '9.0.0' } } }), /^tasks-contract: .*v9\.json declares pact specification 9\.0\.0; supported are 1\.x to 4\.x\n$/],
    ['a pact without interactions', async () => pactFile('none.json', { consumer: { name: 'x' } }), /^tasks-contract: .*none\.json has no "interactions" list\n$/],
    ['a malformed interaction', async () => pactFile('bad.json', { ...incompatible, interactions: [{ description: 'x', request: { path: '/x' }, response: {} }] }), /is malformed: interaction 1: request needs a method and a path\n$/],
  ])('answers %s with one line and exit 2', async (_label, make, expected) => {
    const result = await runCli(['pact', 'check-spec', await make()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
