import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { INPUT_LIMITS } from '../../src/input/index.js';
import { runCli } from '../helpers/cli.js';
import { SEED_TOKEN, type SeedRequest, startSeedServer } from '../verify/helpers/seed-server.js';

// Issue 17, row "A deeply nested answer crashes verify, record and drift": a server answering JSON nested
// 5,000 deep (35 KB) got `internal error: RangeError`, exit 70 and no report. Now the answer is a finding.

const DEPTH = 5_000;
const deepJson = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
const dir = await mkdtemp(join(tmpdir(), 'deep-answers-'));

// a real server that serves the seed's tasks, except that one task's read answers the deep document
const deepTaskRead = (request: SeedRequest) =>
  request.kind === 'task' && request.known && request.auth === 'valid' && request.format === 'json';
const seed = await startSeedServer({
  respond: (request, answer) => (deepTaskRead(request) ? { ...answer, body: deepJson } : undefined),
});
afterAll(() => seed.close());

const site = ['--base-url', seed.adminUrl, '--token', SEED_TOKEN];
const finding = new RegExp(`nests deeper than ${INPUT_LIMITS.depth.value} levels`);

function expectNoCrash(result: { code: number | null; stdout: string; stderr: string }): void {
  expect(result.code).not.toBe(70);
  expect(result.stdout + result.stderr).not.toMatch(/RangeError|Maximum call stack|internal error/);
}

describe('a server answering JSON nested 5,000 deep', () => {
  it('is sent as such (the probe is real)', () => {
    expect(deepJson.length).toBeGreaterThan(30_000);
  });

  it('verify reports it as a finding, exit 1, and writes the report', async () => {
    const report = join(dir, 'verify.json');
    const result = await runCli(['verify', ...site, '--report', `json:${report}`]);
    expectNoCrash(result);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(finding);
    const written = JSON.parse(await readFile(report, 'utf8')) as { findings: { message: string }[] };
    expect(written.findings.some((f) => finding.test(f.message))).toBe(true);
  });

  it('record writes what it can and names the answer, exit 1', async () => {
    const out = join(dir, 'recording');
    const result = await runCli(['record', ...site, '--out', out]);
    expectNoCrash(result);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(finding);
    expect(JSON.parse(await readFile(join(out, 'tasks.json'), 'utf8'))).toHaveProperty('result');
  });

  it('drift reports it, exit 1, and writes the report', async () => {
    const report = join(dir, 'drift.json');
    const result = await runCli(['drift', ...site, '--report', `json:${report}`]);
    expectNoCrash(result);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(finding);
    expect(await readFile(report, 'utf8')).toMatch(finding);
  });
});
