import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import { runCli } from '../helpers/cli.js';
import { type Json, SEED_TOKEN, startSeedServer } from '../runner/helpers/seed-server.js';

// `verify --shard i/3` for every i, merged, must judge like one unsharded run over the same
// server: the same tally (the matrix), counts, findings and verdict. Real verify processes, a
// real mock; mismatched reports are refused in one line.

const dir = await mkdtemp(join(tmpdir(), 'report-merge-'));
const noEnv = { TASKS_CONTRACT_TOKEN: '', TASKS_CONTRACT_USERNAME: '', TASKS_CONTRACT_PASSWORD: '' };

interface Report {
  conforms: boolean;
  unreachable: boolean;
  counts: Record<string, number>;
  tally: unknown[];
  findings: Record<string, unknown>[];
  meta: {
    tasks: number;
    runs: number;
    requests: number;
    shard: { index: number; count: number };
    mergedFrom?: unknown[];
  };
}

const readReport = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Report;
const sorted = (findings: Record<string, unknown>[]) => findings.map((f) => JSON.stringify(f)).sort();

/** An unsharded verify and three shards of it, all against `baseUrl`; the report files and exit codes. */
async function wholeAndShards(name: string, args: string[], env: NodeJS.ProcessEnv) {
  const whole = join(dir, `${name}-whole.json`);
  const shards = [1, 2, 3].map((i) => join(dir, `${name}-shard-${i}.json`));
  const runs = await Promise.all(
    [whole, ...shards].map((file, i) =>
      runCli(['verify', ...args, ...(i > 0 ? ['--shard', `${i}/3`] : []), '--report', `json:${file}`], {
        env,
        timeoutMs: 60_000,
      }),
    ),
  );
  return { whole, shards, codes: runs.map((r) => r.code) };
}

async function merge(name: string, shards: string[]) {
  const out = {
    json: join(dir, `${name}-merged.json`),
    junit: join(dir, `${name}-merged.xml`),
    html: join(dir, `${name}-merged.html`),
  };
  const result = await runCli([
    'report',
    'merge',
    ...shards,
    '--report',
    `json:${out.json}`,
    '--report',
    `junit:${out.junit}`,
    '--report',
    `html:${out.html}`,
  ]);
  return { result, out };
}

function expectSameJudgement(merged: Report, whole: Report): void {
  expect(merged.tally).toEqual(whole.tally);
  expect(merged.counts).toEqual(whole.counts);
  expect([merged.conforms, merged.unreachable]).toEqual([whole.conforms, whole.unreachable]);
  expect([merged.meta.tasks, merged.meta.runs]).toEqual([whole.meta.tasks, whole.meta.runs]);
  expect(sorted(merged.findings)).toEqual(sorted(whole.findings));
  expect(merged.meta.shard).toEqual({ index: 1, count: 1 });
  expect(merged.meta.mergedFrom).toHaveLength(3);
}

let mock: RunningMock;
let embedded: Awaited<ReturnType<typeof wholeAndShards>>;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1', tasks: 24, seed: 11 });
  embedded = await wholeAndShards('mock', ['--base-url', mock.adminUrl], {
    ...noEnv,
    TASKS_CONTRACT_USERNAME: mock.credentials.username,
    TASKS_CONTRACT_PASSWORD: mock.credentials.password,
  });
}, 90_000);

afterAll(async () => {
  await mock?.close();
});

describe('tasks-contract report merge', () => {
  it('joins 3 shards of a verify of the embedded mock into what one unsharded run reports', async () => {
    expect(embedded.codes).toEqual([0, 0, 0, 0]);
    const shards = await Promise.all(embedded.shards.map(readReport));
    expect(shards.every((s) => s.meta.tasks > 0 && s.meta.tasks < 24)).toBe(true); // each shard did a part
    const { result, out } = await merge('mock', embedded.shards);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('merged from 3 shards');
    expectSameJudgement(await readReport(out.json), await readReport(embedded.whole));
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      await readFile(out.junit, 'utf8'),
    ) as {
      testsuites: { tests: string; failures: string };
    };
    expect(Number(junit.testsuites.tests)).toBe((await readReport(embedded.whole)).tally.length);
    expect(await readFile(out.html, 'utf8')).toContain('merged from 3 shards');
  });

  it('keeps every finding and the verdict of a broken server, exit code included', async () => {
    const seed = await startSeedServer({
      mutateTask: (task: Json) => (task['taskType'] === 'CreateBackup' ? { ...task, taskState: 'running' } : task),
    });
    try {
      const broken = await wholeAndShards('broken', ['--base-url', seed.adminUrl, '--token', SEED_TOKEN], noEnv);
      expect(broken.codes[0]).toBe(1);
      const { result, out } = await merge('broken', broken.shards);
      expect(result.code).toBe(1);
      const whole = await readReport(broken.whole);
      expect(whole.findings.length).toBeGreaterThan(0);
      expectSameJudgement(await readReport(out.json), whole);
    } finally {
      await seed.close();
    }
  });

  it.each([
    [
      'a shard missing',
      (files: string[]) => files.slice(0, 2),
      /^tasks-contract: shard 3\/3 is missing; merge the reports of all 3 shards$/,
    ],
    ['a shard twice', (files: string[]) => [files[0]!, ...files], /^tasks-contract: shard 1\/3 is there twice/],
    [
      'an unsharded report with shards',
      (files: string[]) => [...files, 'WHOLE'],
      /are of different shard counts \(3 vs 1\)/,
    ],
  ])('refuses %s, in one line (exit 2)', async (_name, pick, message) => {
    const files = pick(embedded.shards).map((f) => (f === 'WHOLE' ? embedded.whole : f));
    const result = await runCli(['report', 'merge', ...files]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it.each([
    ['another spec', { specDigest: 'sha256:00' }, /are of different specs \(sha256:[0-9a-f]{64} vs sha256:00\)/],
    ['another target', { baseUrl: 'https://elsewhere/arcgis/admin' }, /are of different targets/],
    ['other checks', { checks: ['transport'] }, /are of different check selections/],
  ])('refuses a shard of %s', async (_name, change, message) => {
    const report = await readReport(embedded.shards[2]!);
    const altered = join(dir, `altered-${Object.keys(change)[0]}.json`);
    await writeFile(altered, JSON.stringify({ ...report, meta: { ...report.meta, ...change } }));
    const result = await runCli(['report', 'merge', embedded.shards[0]!, embedded.shards[1]!, altered]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses what is not a verify JSON report, saying which file and why', async () => {
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '<html>');
    const pact = join(dir, 'pact.json');
    await writeFile(pact, JSON.stringify({ tool: 'tasks-contract', command: 'pact verify', results: [] }));
    const old = join(dir, 'old.json');
    await writeFile(old, JSON.stringify({ ...(await readReport(embedded.whole)), version: 0 }));
    for (const [file, message] of [
      [notJson, /not\.json is not JSON/],
      [pact, /pact\.json is a pact verify report; only verify reports can be merged/],
      [old, /old\.json is not a tasks-contract verify JSON report: it is version 0/],
      [join(dir, 'missing.json'), /cannot read .*missing\.json: no such file/],
    ] as const) {
      const result = await runCli(['report', 'merge', file]);
      expect([result.code, result.stderr.trim().split('\n').length]).toEqual([2, 1]);
      expect(result.stderr).toMatch(message);
    }
  });
});
