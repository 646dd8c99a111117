import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { packageRoot } from '../../../src/contract/package-root.js';
import { type LoadedSpec, loadSpecAt } from '../../../src/spec-change/diff/spec-source.js';
import { runGate } from '../../../src/spec-change/gate/gate.js';
import type { GateOutcome } from '../../../src/spec-change/gate/outcome.js';
import { fixtureSource } from '../../../src/spec-change/gate/sources/fixtures.js';
import { loadPacts } from '../../../src/spec-change/gate/sources/pacts.js';
import { recordingSource } from '../../../src/spec-change/gate/sources/recordings.js';
import { scenarioSource } from '../../../src/spec-change/gate/sources/scenarios.js';
import { runCli } from '../../helpers/cli.js';
import { specCopy } from '../diff/spec-copies.js';
import { defaultFixtures, retentionType, tempDir, writeRecordings, writeScenarios, writeSpec } from './gate-setup.js';

const root = packageRoot();
const dir = await tempDir('spec-gate-');
const oldSpec = join(root, 'spec', 'openapi.yaml');
const noDay = await writeSpec(
  dir,
  'no-day.json',
  specCopy((s) => (s['components'].schemas.RetentionType.enum = ['week', 'month'])),
);
const optionalField = await writeSpec(
  dir,
  'optional-field.json',
  specCopy((s) => (s['components'].schemas.TaskBase.properties.description = { type: 'string' })),
);
// for the CLI: also a token that must be short, so that a recorded token shows in a reason (and must be masked)
const noDayShortToken = await writeSpec(
  dir,
  'no-day-short-token.json',
  specCopy((s) => {
    s['components'].schemas.RetentionType.enum = ['week', 'month'];
    s['components'].schemas.TokenResponse.properties.token.maxLength = 8;
  }),
);
const scenarios = await writeScenarios(dir);
const recordings = await writeRecordings(dir);
const { tasks: fixtureTasks } = await defaultFixtures();
const loaded = new Map<string, Promise<LoadedSpec>>();
/** Each version is loaded once for the whole file (runGate never changes it). */
function spec(path: string): Promise<LoadedSpec> {
  if (!loaded.has(path)) loaded.set(path, loadSpecAt(path));
  return loaded.get(path)!;
}

async function gate(newSpec: string): Promise<GateOutcome> {
  const { pacts, notes } = await loadPacts({ defaultDir: join(root, 'contracts', 'pacts'), extra: [] });
  return runGate({
    old: await spec(oldSpec),
    new: await spec(newSpec),
    pacts,
    notes,
    sources: [
      fixtureSource(join(root, 'mocks', 'fixtures')),
      scenarioSource(scenarios),
      scenarioSource(join(dir, 'no-such-folder')),
      recordingSource(recordings.dir),
    ],
  });
}

const withoutDay = await gate(noDay);
const withField = await gate(optionalField);
const row = (outcome: GateOutcome, kind: string, name: string | RegExp) =>
  outcome.rows.find((r) => r.kind === kind && (typeof name === 'string' ? r.name === name : name.test(r.name)));

describe('spec gate: a NEW contract without the retention unit "day"', () => {
  it('breaks the backup-dashboard pact, which expects a daily retention, and not the ops script', () => {
    const dashboard = row(withoutDay, 'pact', /^BackupDashboard/);
    expect(dashboard?.status).toBe('regressed');
    expect(dashboard?.old?.compatible).toBe(true);
    expect(dashboard?.reason).toMatch(
      /a request for one CreateBackup task: .*\/parameters\/metaData\/retention\/type .*"day"/,
    );
    expect(row(withoutDay, 'pact', /^OpsScript/)?.status).toBe('compatible');
  });

  it('breaks exactly the committed fixture whose backups are kept for days', () => {
    const daily = fixtureTasks.filter((t) => retentionType(t) === 'day').map((t) => t['taskId']);
    expect(daily).toHaveLength(1);
    const broken = withoutDay.rows.filter((r) => r.kind === 'fixture' && r.status === 'regressed');
    expect(broken.map((r) => r.name)).toEqual([`default.json task ${daily[0]} (CreateBackup)`]);
    expect(broken[0]!.reason).toMatch(/must be one of "week", "month"; got "day"/);
    expect(withoutDay.rows.filter((r) => r.kind === 'fixture' && r.status === 'compatible')).toHaveLength(
      fixtureTasks.length - 1,
    );
  });

  it('breaks the scenario holding that task, the recordings of daily tasks, and the examples with a daily retention', async () => {
    expect(row(withoutDay, 'scenario', 'with-day')?.status).toBe('regressed');
    expect(row(withoutDay, 'scenario', 'without-day')?.status).toBe('compatible');
    const recorded = JSON.parse(await readFile(join(recordings.dir, 'tasks.json'), 'utf8')).result as unknown[];
    const dailyIds = recorded.filter((t) => retentionType(t) === 'day').map((t) => (t as { taskId: string }).taskId);
    expect(dailyIds.length).toBeGreaterThan(0);
    const brokenFiles = withoutDay.rows.filter(
      (r) => r.kind === 'recording' && r.status === 'regressed' && !r.name.includes('traffic.har'),
    );
    const expectedFiles = [
      'recordings/tasks.json',
      ...dailyIds.flatMap((id) => [`recordings/tasks/${id}.json`, `recordings/runs/${id}.json`]),
    ];
    expect(brokenFiles.map((r) => r.name).sort()).toEqual(expectedFiles.sort());
    const har = withoutDay.rows.filter((r) => r.name.includes('traffic.har'));
    const dailyFixture = fixtureTasks.find((t) => retentionType(t) === 'day')!['taskId'];
    expect(har.filter((r) => r.status === 'regressed').map((r) => r.name)).toEqual([
      expect.stringMatching(/#1 GET \/arcgis\/admin\/system\/tasks -> 200$/),
      expect.stringContaining(`GET /arcgis/admin/system/tasks/${dailyFixture} -> 200`),
    ]);
    expect(har).toHaveLength(fixtureTasks.length + 2);
    expect(
      withoutDay.rows
        .filter((r) => r.kind === 'example' && r.status === 'regressed')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['CreateBackup', 'TaskList']);
  });

  it('fails, and classifies the change for each side', () => {
    expect(withoutDay.failed).toBe(true);
    expect(withoutDay.changes.map((c) => [c.rule, c.location])).toEqual([
      ['request-enum-value-removed', 'RetentionType'],
      ['response-enum-value-removed', 'RetentionType'],
    ]);
    expect(withoutDay.notes).toContain(`no scenarios folder ${join(dir, 'no-such-folder')}: no scenarios to check`);
  });
});

describe('spec gate: a NEW contract with one more optional task field', () => {
  it('breaks nothing: every pact, fixture, scenario, recording and example keeps its verdict', () => {
    expect(withField.failed).toBe(false);
    expect(withField.rows.filter((r) => r.status !== 'compatible')).toEqual([]);
    // the recorded request for a path no version of the spec has is not the contract's: said, not judged
    expect(withField.notes).toContain(
      '1 recorded exchange(s) reach no operation of either version: not checked (first: recordings/traffic.har #10 GET /arcgis/admin/system/tasks/00000000000000000000000000000000/nope -> 200)',
    );
    expect(withField.rows.length).toBe(withoutDay.rows.length);
    expect(withField.changes.map((c) => [c.rule, c.classification])).toEqual([
      ['response-optional-property-added', 'compatible'],
    ]);
  });
});

describe("spec gate: the specs' own examples", () => {
  it('fails when NEW contradicts an example it changed, and shows what NEW fixed', async () => {
    const badExample = await writeSpec(
      dir,
      'bad-example.json',
      specCopy((s) => (s['components'].examples.CreateBackup.value.parameters.metaData.retention.type = 'year')),
    );
    const contradicted = await runGate({ old: await spec(oldSpec), new: await spec(badExample) });
    // the spec's TaskList example holds the CreateBackup sample through a YAML anchor: both changed
    expect(contradicted.rows.filter((r) => r.status !== 'compatible').map((r) => [r.name, r.status])).toEqual([
      ['TaskList (as NEW changed it)', 'added-incompatible'],
      ['CreateBackup (as NEW changed it)', 'added-incompatible'],
    ]);
    expect(contradicted.failed).toBe(true);
    const fixed = await runGate({ old: await spec(noDay), new: await spec(oldSpec) });
    expect(fixed.rows.filter((r) => r.status !== 'compatible').map((r) => [r.name, r.status])).toEqual([
      ['TaskList', 'fixed'],
      ['CreateBackup', 'fixed'],
    ]);
    expect(fixed.failed).toBe(false);
  });
});

describe('tasks-contract spec gate', () => {
  it('exits 1, prints the verdict table and writes markdown, JUnit and JSON reports without the recorded token', async () => {
    const reports = join(dir, 'reports');
    const result = await runCli([
      'spec',
      'gate',
      oldSpec,
      noDayShortToken,
      '--scenarios',
      scenarios,
      '--recordings',
      recordings.dir,
      '--report',
      `markdown:${reports}/gate.md`,
      '--report',
      `junit:${reports}/gate.xml`,
      '--report',
      `json:${reports}/gate.json`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/pact\s+BackupDashboard -> ArcGISEnterpriseAdmin\s+yes\s+no\s+REGRESSED/);
    expect(result.stdout).toMatch(/^FAIL: \d+ consumer\(s\) or artifact\(s\) compatible with OLD are not with NEW$/m);
    const markdown = await readFile(join(reports, 'gate.md'), 'utf8');
    expect(markdown).toMatch(/^### ❌ Spec gate: this change breaks \d+ consumer\(s\) or artifact\(s\)/);
    expect(markdown).toContain('| BackupDashboard -> ArcGISEnterpriseAdmin | pact | yes | no | REGRESSED |');
    expect(markdown).toContain('regex /^(day\\|week\\|month)$/');
    const junit = new XMLParser({ ignoreAttributes: false }).parse(await readFile(join(reports, 'gate.xml'), 'utf8'));
    const json = JSON.parse(await readFile(join(reports, 'gate.json'), 'utf8'));
    expect(Number(junit.testsuites['@_failures'])).toBe(json.counts.failing);
    expect(json.command).toBe('spec gate');
    expect(json.rows.length).toBeGreaterThan(40);
    expect(result.stdout).toMatch(/traffic\.har #\d+ POST \/arcgis\/sharing\/rest\/generateToken -> 200 .*REGRESSED/);
    expect(result.stdout).toMatch(/generateToken -> 200: \/token must NOT have more than 8 characters; got \*{8}$/m);
    for (const text of [result.stdout, markdown, JSON.stringify(json)])
      expect(text).not.toContain(recordings.token.slice(0, 12));
  });

  it("judges a scenario's generated tasks and runs too, not only its inline documents", async () => {
    // a scenario with no inline documents at all: 40 generated tasks and a day of their runs
    const generated = join(dir, 'generated-scenarios');
    await mkdir(generated, { recursive: true });
    const scenario = { base: { generate: { tasks: 40, seed: 'gate' } }, clock: '2025-06-01T00:00:00Z', advance: 'P1D' };
    await writeFile(join(generated, 'generated.json'), JSON.stringify(scenario));
    const result = await runCli(['spec', 'gate', oldSpec, noDay, '--scenarios', generated, '--no-examples']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/scenario\s+generated\s+yes\s+no\s+REGRESSED/);
  });
});
