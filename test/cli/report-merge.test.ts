import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { exitCodeOf } from '../../src/cli/exit-code.js';
import { loadContractCached } from '../../src/contract/load.js';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import { jsonReport } from '../../src/report/json.js';
import { JsonReportError, parseVerifyJsonReport } from '../../src/report/read-json-report.js';
import { verify } from '../../src/verify/engine.js';
import { mergeShardOutcomes, ShardMergeError, type ShardPart } from '../../src/verify/merge-shards.js';
import type { RunMetadata, VerifyOutcome } from '../../src/verify/outcome.js';
import type { Shard } from '../../src/verify/shard.js';
import { runCli } from '../helpers/cli.js';
import { type Json, SEED_TOKEN, startSeedServer } from '../verify/helpers/seed-server.js';

// `verify --shard i/3` for every i, merged, must judge like one unsharded run over the same
// server: the same tally (the matrix), counts, findings and verdict. Real verify processes against
// a real mock (and in-process runs against a broken server); mismatched reports are refused in one line.

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
      runCli(['verify', ...args, ...(i > 0 ? ['--shard', `${i}/3`] : []), '--report', `json:${file}`], { env }),
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
let shardParts: ShardPart[];
let wholeOutcome: VerifyOutcome;

/** The parts with the last one's metadata changed. */
const alter = (parts: ShardPart[], change: Partial<RunMetadata>): ShardPart[] =>
  parts.map((part, i) =>
    i === parts.length - 1
      ? { ...part, outcome: { ...part.outcome, meta: { ...part.outcome.meta, ...change } } }
      : part,
  );

beforeAll(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1', tasks: 24, seed: 11 });
  embedded = await wholeAndShards('mock', ['--base-url', mock.adminUrl], {
    ...noEnv,
    TASKS_CONTRACT_USERNAME: mock.credentials.username,
    TASKS_CONTRACT_PASSWORD: mock.credentials.password,
  });
  const read = async (file: string) => parseVerifyJsonReport(await readFile(file, 'utf8'), file);
  shardParts = await Promise.all(
    embedded.shards.map(async (file, i) => ({ source: `s${i + 1}`, outcome: await read(file) })),
  );
  wholeOutcome = await read(embedded.whole);
});

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

  it('keeps every finding and the verdict of a broken server (in-process runs, JSON round trip)', async () => {
    const seed = await startSeedServer({
      mutateTask: (task: Json) => (task['taskType'] === 'CreateBackup' ? { ...task, taskState: 'running' } : task),
    });
    const contract = await loadContractCached();
    // four runs and the server share this process: on a loaded machine (load 20) a 30 s request budget
    // ran out and one run's transport findings differed from the merge's; the suite's budget is the limit
    const run = (shard?: Shard) =>
      verify({ contract, baseUrl: seed.adminUrl, token: SEED_TOKEN, timeoutMs: 170_000, ...(shard ? { shard } : {}) });
    try {
      const [whole, ...shards] = await Promise.all([run(), ...[1, 2, 3].map((index) => run({ index, count: 3 }))]);
      const parts = shards.map((outcome, i) => ({
        source: `shard-${i + 1}.json`,
        outcome: parseVerifyJsonReport(jsonReport(outcome!), `shard-${i + 1}.json`),
      }));
      const merged = mergeShardOutcomes(parts);
      expect(whole!.findings.length).toBeGreaterThan(0);
      expect(exitCodeOf(merged)).toBe(exitCodeOf(whole!));
      expectSameJudgement(JSON.parse(jsonReport(merged)) as Report, JSON.parse(jsonReport(whole!)) as Report);
    } finally {
      await seed.close();
    }
  });

  it('refuses an incomplete set in one line, exit 2, and names a file it cannot read', async () => {
    const missing = await runCli(['report', 'merge', ...embedded.shards.slice(0, 2)]);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toBe('tasks-contract: shard 3/3 is missing; merge the reports of all 3 shards\n');
    const unreadable = await runCli(['report', 'merge', join(dir, 'nowhere.json')]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/^tasks-contract: cannot read .*nowhere\.json: no such file\n$/);
  });

  it.each([
    ['a shard twice', (parts: ShardPart[]) => [parts[0]!, ...parts], /^shard 1\/3 is there twice \(s1 and s1\)$/],
    [
      'an unsharded report with shards',
      (parts: ShardPart[]) => [...parts, { source: 'whole', outcome: wholeOutcome }],
      /^s1 and whole are of different shard counts \(3 vs 1\)/,
    ],
    [
      'another spec',
      (parts: ShardPart[]) => alter(parts, { specDigest: 'sha256:00' }),
      /of different specs \(sha256:[0-9a-f]{64} vs sha256:00\)/,
    ],
    [
      'another target',
      (parts: ShardPart[]) => alter(parts, { baseUrl: 'https://elsewhere/arcgis/admin' }),
      /of different targets/,
    ],
    ['other checks', (parts: ShardPart[]) => alter(parts, { checks: ['transport'] }), /of different check selections/],
    [
      'another mode',
      (parts: ShardPart[]) => alter(parts, { allowWrites: true }),
      /of different modes \(--allow-writes\)/,
    ],
  ])('refuses %s, saying why in one line', (_name, pick, message) => {
    expect(() => mergeShardOutcomes(pick(shardParts))).toThrow(ShardMergeError);
    expect(() => mergeShardOutcomes(pick(shardParts))).toThrow(message);
  });

  it('refuses what is not a verify JSON report, saying which file and why', async () => {
    const whole = await readFile(embedded.whole, 'utf8');
    for (const [content, message] of [
      ['<html>', /^x\.json is not JSON: /],
      [
        JSON.stringify({ tool: 'tasks-contract', command: 'pact verify', results: [] }),
        /^x\.json is a pact verify report; only verify reports can be merged$/,
      ],
      [
        JSON.stringify({ ...JSON.parse(whole), version: 0 }),
        /^x\.json is not a tasks-contract verify JSON report: it is version 0, this tasks-contract reads version 1$/,
      ],
      [
        JSON.stringify({ ...JSON.parse(whole), tally: [{ endpoint: 'GET /x' }] }),
        /^x\.json is not a tasks-contract verify JSON report: \/tally\/0 must have required property 'check'$/,
      ],
    ] as const) {
      expect(() => parseVerifyJsonReport(content, 'x.json')).toThrow(JsonReportError);
      expect(() => parseVerifyJsonReport(content, 'x.json')).toThrow(message);
    }
  });
});
