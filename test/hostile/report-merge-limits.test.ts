import { mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { INPUT_LIMITS } from '../../src/input/index.js';
import { runCli } from '../helpers/cli.js';

// Issue 17, row "report merge": shards claiming `count: 1e9` exhausted V8's memory (exit 134); a 288 MB
// shard died with `Invalid string length` (exit 70) and wrote no report. Each is now one line, exit 2.

const dir = await mkdtemp(join(tmpdir(), 'report-merge-limits-'));
const noEnv = { TASKS_CONTRACT_TOKEN: '', TASKS_CONTRACT_USERNAME: '', TASKS_CONTRACT_PASSWORD: '' };
const real = join(dir, 'real.json');
// one real report: verify of the embedded mock, unsharded (shard 1/1)
const verified = await runCli(['verify', '--report', `json:${real}`], { env: noEnv });
if (verified.code !== 0) throw new Error(`verify of the embedded mock failed: ${verified.stderr}`);
// biome-ignore lint/suspicious/noExplicitAny: a report copy is tampered with freely by each case
type Report = Record<string, any>;
const original = JSON.parse(await readFile(real, 'utf8')) as Report;

/** A copy of the real report, tampered with by `edit`, written as its own file. */
async function tampered(name: string, edit: (report: Report) => void): Promise<string> {
  const copy = structuredClone(original);
  edit(copy);
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(copy));
  return file;
}

const oneLine = /^tasks-contract: [^\n]+\n$/;

describe('report merge refuses implausible reports in one line (exit 2)', () => {
  it.each([
    ['a shard count of 1e9', (r: Report) => (r['meta'].shard = { index: 1, count: 1e9 }), /shard\/count/],
    ['a negative count', (r: Report) => (r['meta'].tasks = -1), /\/meta\/tasks must be >= 0/],
    ['a count that is not an integer', (r: Report) => (r['meta'].requests = 1.5), /must be integer/],
    ['a count past the cap', (r: Report) => (r['meta'].runs = 1e12), /must be <= /],
    ['a shard past the shard count', (r: Report) => (r['meta'].shard = { index: 3, count: 2 }), /shard 3 of 2/],
    [
      'failures the findings do not list',
      (r: Report) => (r['tally'][0].failed = 1_000),
      /tally counts \d+ failures but it lists \d+ findings/,
    ],
  ])('%s', async (name, edit, message) => {
    const file = await tampered(name.replace(/\W+/g, '-'), edit);
    const out = join(dir, `${name.replace(/\W+/g, '-')}-merged.json`);
    const result = await runCli(['report', 'merge', file, '--report', `json:${out}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(oneLine);
    expect(result.stderr).toMatch(message);
  });

  it('a report larger than the size limit, refused before it is read', async () => {
    const huge = join(dir, 'huge.json');
    await writeFile(huge, '');
    await truncate(huge, INPUT_LIMITS.reportBytes.value + 1); // sparse: costs no disk
    const result = await runCli(['report', 'merge', huge]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(oneLine);
    expect(result.stderr).toContain('it is larger than 64 MiB, the limit for a report file');
  });

  it('a report nested deeper than the depth limit', async () => {
    // JSON.stringify recurses: the deep text is written by hand
    const nested = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const deep = join(dir, 'deep.json');
    await writeFile(deep, JSON.stringify(original).replace('"meta":{', `"meta":{"extra":${nested},`));
    const result = await runCli(['report', 'merge', deep]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(oneLine);
    expect(result.stderr).toContain(`nests deeper than ${INPUT_LIMITS.depth.value} levels`);
  });
});

describe('report merge writes every report it can', () => {
  it('a target it cannot write is named in one line; the others are written', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a folder');
    const json = join(dir, 'written.json');
    const result = await runCli([
      'report',
      'merge',
      real,
      '--report',
      `junit:${join(blocker, 'inside.xml')}`,
      '--report',
      `json:${json}`,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tasks-contract: the junit report .*inside\.xml was not written: [^\n]+\n$/);
    expect(JSON.parse(await readFile(json, 'utf8'))).toHaveProperty('meta');
  });

  it('a plausible report merges as before (exit 0)', async () => {
    const result = await runCli(['report', 'merge', real]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
