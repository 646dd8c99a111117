import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { defaultSpecPath } from '../../../src/contract/package-root.js';
import { gateConsoleReport } from '../../../src/report/spec-change-console.js';
import { gateMarkdownReport } from '../../../src/report/spec-change-markdown.js';
import type { LoadedSpec } from '../../../src/spec-change/diff/spec-source.js';
import { loadSpecAt } from '../../../src/spec-change/diff/spec-source.js';
import { runGate } from '../../../src/spec-change/gate/gate.js';
import { recordingSource } from '../../../src/spec-change/gate/sources/recordings.js';
import { scenarioSource } from '../../../src/spec-change/gate/sources/scenarios.js';
import { runCli } from '../../helpers/cli.js';

// `spec gate --release V`, and artifacts that name their own release: each row is judged by OLD and
// NEW as of its release, and the reports say which.

let spec: LoadedSpec;
let dir: string;
let scenarios: string;
let recording: string;
let healthTask: Record<string, unknown>;

beforeAll(async () => {
  spec = await loadSpecAt(defaultSpecPath());
  dir = await mkdtemp(join(tmpdir(), 'gate-release-'));
  const raw = parse(await readFile(defaultSpecPath(), 'utf8')) as {
    components: { examples: Record<string, { value: Record<string, unknown> }> };
  };
  healthTask = raw.components.examples['CreateHealthCheckReports']!.value;
  scenarios = join(dir, 'scenarios');
  await mkdir(scenarios);
  const scenario = (release?: string) => JSON.stringify({ ...(release ? { release } : {}), tasks: [healthTask] });
  await writeFile(join(scenarios, 'of-11.3.json'), scenario('11.3'));
  await writeFile(join(scenarios, 'of-11.4.json'), scenario('11.4'));
  await writeFile(join(scenarios, 'of-12.0.json'), scenario('12.0'));
  await writeFile(join(scenarios, 'unnamed.json'), scenario());
  recording = join(dir, 'site');
  await mkdir(join(recording, 'tasks'), { recursive: true });
  await writeFile(join(recording, 'meta.json'), JSON.stringify({ siteVersion: '11.3.0.5000' }));
  await writeFile(join(recording, 'tasks', `${healthTask['taskId']}.json`), JSON.stringify(healthTask));
});

const gate = (release?: string) =>
  runGate({
    old: spec,
    new: spec,
    sources: [scenarioSource(scenarios), recordingSource(recording)],
    examples: false,
    ...(release ? { release } : {}),
  });

const rowOf = (outcome: Awaited<ReturnType<typeof gate>>, name: string) => {
  const found = outcome.rows.find((r) => r.name === name || r.name.startsWith(`${name}/`));
  if (!found) throw new Error(`no row ${name} in ${outcome.rows.map((r) => r.name).join(', ')}`);
  return found;
};

describe('spec gate as of a release', () => {
  it('judges an artifact that names its release as of it; one that names none by the whole contract', async () => {
    const outcome = await gate();
    expect(rowOf(outcome, 'of-11.3')).toMatchObject({ release: '11.3', status: 'still-incompatible' });
    expect(rowOf(outcome, 'of-11.3').reason).toMatch(/taskType/);
    expect(rowOf(outcome, 'of-11.4')).toMatchObject({ release: '11.4', status: 'compatible' });
    expect(rowOf(outcome, 'unnamed')).toMatchObject({ status: 'compatible' });
    expect(rowOf(outcome, 'unnamed').release).toBeUndefined();
    // a recording's meta.json siteVersion: 11.3.0.5000 is an 11.3 site
    expect(rowOf(outcome, 'site')).toMatchObject({ release: '11.3', status: 'still-incompatible' });
  });

  it('--release judges the artifacts that name none as of it; those that name theirs keep theirs', async () => {
    const outcome = await gate('11.3');
    expect(outcome.release).toBe('11.3');
    expect(rowOf(outcome, 'unnamed')).toMatchObject({ release: '11.3', status: 'still-incompatible' });
    expect(rowOf(outcome, 'of-11.4')).toMatchObject({ release: '11.4', status: 'compatible' });
  });

  it('judges an unknown newer release by the newest profile, with a warning', async () => {
    const outcome = await gate();
    expect(rowOf(outcome, 'of-12.0')).toMatchObject({ release: '11.4', status: 'compatible' });
    expect(outcome.notes).toContainEqual(expect.stringMatching(/release 12\.0 is newer than .*judged as 11\.4/));
  });

  it('quotes only the start of a release that is no version, and judges it by the newest profile', async () => {
    const junk = join(dir, 'junk');
    await mkdir(junk);
    await writeFile(
      join(junk, 'long.json'),
      JSON.stringify({ release: `x${'9'.repeat(100_000)}`, tasks: [healthTask] }),
    );
    const outcome = await runGate({ old: spec, new: spec, sources: [scenarioSource(junk)], examples: false });
    expect(outcome.rows[0]).toMatchObject({ release: '11.4', status: 'compatible' });
    const note = outcome.notes.find((n) => n.includes('is not a release'));
    expect(note).toBeDefined();
    expect(note!.length).toBeLessThan(100);
  });

  it('names the release of each row in the markdown and console reports', async () => {
    const outcome = await gate('11.3');
    const markdown = gateMarkdownReport(outcome);
    expect(markdown).toMatch(/\| of-11\.3 \| scenario \| 11\.3 \| no \| no \|/);
    expect(markdown).toMatch(/as of release 11\.3/);
    expect(gateConsoleReport(outcome)).toMatch(/of-11\.3\s+11\.3\s+no\s+no/);
  });

  it("checks the specs' own examples as of the release: 10.9's have no backup task to break", async () => {
    const outcome = await runGate({ old: spec, new: spec, release: '10.9' });
    const examples = outcome.rows.filter((r) => r.kind === 'example');
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.every((r) => r.status === 'compatible' && r.release === '10.9')).toBe(true);
    expect(examples.map((r) => r.name)).not.toContain('CreateBackup');
    expect((await runGate({ old: spec, new: spec })).rows.map((r) => r.name)).toContain('CreateBackup');
  });

  it('the CLI takes --release, puts it in the JSON report, and refuses a release it does not know (exit 2)', async () => {
    const json = join(dir, 'gate.json');
    const args = ['spec', 'gate', defaultSpecPath(), defaultSpecPath(), '--scenarios', scenarios, '--no-examples'];
    const result = await runCli([...args, '--release', '11.3', '--report', `json:${json}`], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/as of release 11\.3/);
    const report = JSON.parse(await readFile(json, 'utf8')) as { rows: { name: string; release?: string }[] };
    expect(report.rows.find((r) => r.name === 'unnamed')?.release).toBe('11.3');
    const refused = await runCli([...args, '--release', '9.9'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/unknown release "9\.9"/);
  });
});

describe('spec gate, a recording of a release without the operation it recorded', () => {
  it('judges a createTask exchange of a 10.9 site (and fails it) rather than skipping it as unrelated', async () => {
    const site = join(dir, 'site-10.9');
    await mkdir(site);
    await writeFile(join(site, 'meta.json'), JSON.stringify({ siteVersion: '10.9' }));
    const entry = {
      request: { method: 'POST', url: 'https://host.example.com/arcgis/admin/system/tasks/createTask', headers: [] },
      response: {
        status: 200,
        content: { mimeType: 'application/json', text: JSON.stringify({ status: 'success', taskId: 'a'.repeat(32) }) },
      },
    };
    await writeFile(join(site, 'traffic.har'), JSON.stringify({ log: { entries: [entry] } }));
    const outcome = await runGate({ old: spec, new: spec, sources: [recordingSource(site)], examples: false });
    const row = outcome.rows.find((r) => r.name.includes('createTask'));
    expect(row).toMatchObject({ release: '10.9', status: 'still-incompatible' });
    // at 10.9 the path reads as the task resource read by POST, whose answer this is not
    expect(row?.reason).toMatch(/createTask -> 200: /);
  });
});
