import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { packageRoot } from '../../src/contract/package-root.js';
import { RULES } from '../../src/spec-change/diff/rules/index.js';
import { runCli } from '../helpers/cli.js';
import { specCopy } from '../spec-change/diff/spec-copies.js';
import { tempDir, writeSpec } from '../spec-change/gate/gate-setup.js';

const dir = await tempDir('spec-change-cli-');
const oldSpec = join(packageRoot(), 'spec', 'openapi.yaml');
const noDay = await writeSpec(
  dir,
  'no-day.json',
  specCopy((s) => (s['components'].schemas.RetentionType.enum = ['week', 'month'])),
);

/** A git repository whose spec takes a schema from a second file, committed, then edited in the work tree. */
async function gitRepo(): Promise<string> {
  const repo = join(dir, 'repo');
  await mkdir(join(repo, 'spec'), { recursive: true });
  const spec = specCopy((s) => (s['components'].schemas.RetentionType = { $ref: 'units.json#/RetentionType' }));
  await writeFile(join(repo, 'spec', 'openapi.json'), JSON.stringify(spec));
  await writeFile(
    join(repo, 'spec', 'units.json'),
    JSON.stringify({ RetentionType: { type: 'string', enum: ['day', 'week', 'month'] } }),
  );
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'contract');
  await writeFile(
    join(repo, 'spec', 'units.json'),
    JSON.stringify({ RetentionType: { type: 'string', enum: ['week', 'month'] } }),
  );
  return repo;
}
const repo = await gitRepo();

describe('tasks-contract spec diff', () => {
  it('classifies each change, fails on breaking ones, and writes markdown, JSON and JUnit', async () => {
    const result = await runCli([
      'spec',
      'diff',
      oldSpec,
      noDay,
      '--report',
      `markdown:${dir}/diff.md`,
      '--report',
      `json:${dir}/diff.json`,
      '--report',
      `junit:${dir}/diff.xml`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'breaking for clients (1)\n  error   request-enum-value-removed  RetentionType: value "day" no longer allowed',
    );
    expect(result.stdout).toContain('breaking for servers (1)\n  warning response-enum-value-removed  RetentionType');
    expect(result.stdout).toMatch(/--fail-on breaking: FAIL\n$/);
    expect(await readFile(join(dir, 'diff.md'), 'utf8')).toContain(
      '| error | breaking for clients | `request-enum-value-removed` | `RetentionType` | value "day" no longer allowed | createTask |',
    );
    const json = JSON.parse(await readFile(join(dir, 'diff.json'), 'utf8'));
    expect(json.changes.map((c: { rule: string; fails: boolean }) => [c.rule, c.fails])).toEqual([
      ['request-enum-value-removed', true],
      ['response-enum-value-removed', false],
    ]);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(await readFile(join(dir, 'diff.xml'), 'utf8'));
    expect(junit.testsuites['@_failures']).toBe('1');
  });

  it('takes severities from .tasks-contract.yaml, and --fail-on warning counts warnings', async () => {
    const cwd = join(dir, 'configured');
    await mkdir(cwd, { recursive: true });
    await writeFile(
      join(cwd, '.tasks-contract.yaml'),
      'spec-diff:\n  severity:\n    request-enum-value-removed: warning\n',
    );
    const relaxed = await runCli(['spec', 'diff', oldSpec, noDay], { cwd });
    expect(relaxed.stdout).toContain(`severities from ${join(cwd, '.tasks-contract.yaml')}`);
    expect(relaxed.stdout).toContain('  warning request-enum-value-removed');
    expect(relaxed.code).toBe(0);
    const strict = await runCli(['spec', 'diff', oldSpec, noDay, '--fail-on', 'warning'], { cwd });
    expect(strict.code).toBe(1);
  });

  it('reads an older version and the files its $refs name from git', async () => {
    const result = await runCli(['spec', 'diff', 'git:HEAD:spec/openapi.json', 'spec/openapi.json'], { cwd: repo });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^spec diff git:HEAD:spec\/openapi\.json \(1\.0\.0\) -> spec\/openapi\.json/);
    expect(result.stdout).toContain('request-enum-value-removed  RetentionType: value "day" no longer allowed');
  });

  it('lists its rules with whom each change breaks, as docs/spec-rules.md holds them (npm run gen:rules)', async () => {
    const result = await runCli(['spec', 'rules']);
    expect(result.code).toBe(0);
    for (const rule of RULES) expect(result.stdout).toContain(`- \`${rule.id}\` (`);
    const page = await readFile(join(packageRoot(), 'docs', 'spec-rules.md'), 'utf8');
    expect(page).toBe(result.stdout);
  });
});

describe('bad input to spec diff and spec gate: one line, exit 2', () => {
  const v30 = join(dir, 'v30.yaml');
  const badConfig = join(dir, 'bad-config.yaml');
  const badScenarios = join(dir, 'bad-scenarios');

  it.each([
    [
      'an unreadable spec',
      () => ['spec', 'diff', join(dir, 'nope.yaml'), noDay],
      /^tasks-contract: cannot read spec .*nope\.yaml: no such file\n$/,
    ],
    [
      'a spec that is not OpenAPI 3.1',
      () => ['spec', 'diff', v30, noDay],
      /^tasks-contract: spec .*v30\.yaml is OpenAPI 3\.0\.3; tasks-contract needs OpenAPI 3\.1\.x\n$/,
    ],
    [
      'a git ref that does not exist',
      () => ['spec', 'gate', 'git:no-such-branch:spec/openapi.yaml', noDay],
      /^tasks-contract: cannot read spec git:no-such-branch:spec\/openapi\.yaml: git ref no-such-branch does not exist\n$/,
    ],
    [
      'a file that is not at the git ref',
      () => ['spec', 'diff', 'git:HEAD:spec/nope.yaml', noDay],
      /^tasks-contract: cannot read spec git:HEAD:spec\/nope\.yaml: spec\/nope\.yaml does not exist at HEAD\n$/,
    ],
    [
      'a git location without a path',
      () => ['spec', 'diff', 'git:HEAD', noDay],
      /^tasks-contract: git:HEAD must be git:REF:PATH, e\.g\. git:origin\/main:spec\/openapi\.yaml\n$/,
    ],
    [
      'an unknown --fail-on',
      () => ['spec', 'diff', oldSpec, noDay, '--fail-on', 'info'],
      /^tasks-contract: .*--fail-on must be breaking or warning, got "info"\. \(see --help\)\n$/,
    ],
    [
      'an unknown report format',
      () => ['spec', 'gate', oldSpec, noDay, '--report', 'html:x.html'],
      /^tasks-contract: .*--report must be junit:FILE, json:FILE or markdown:FILE, got "html:x\.html"\. \(see --help\)\n$/,
    ],
    [
      'a config naming an unknown rule',
      () => ['spec', 'diff', oldSpec, noDay, '--config', badConfig],
      /^tasks-contract: .*bad-config\.yaml: unknown rule id enum-gone \(tasks-contract spec rules lists them\)\n$/,
    ],
    [
      'a recordings folder that does not exist',
      () => ['spec', 'gate', oldSpec, noDay, '--recordings', join(dir, 'nowhere')],
      /^tasks-contract: --recordings .*nowhere: no such folder\n$/,
    ],
    [
      'a scenario that is not JSON',
      () => ['spec', 'gate', oldSpec, noDay, '--scenarios', badScenarios],
      /^tasks-contract: .*broken\.json is not JSON: /,
    ],
  ])('%s', async (_label, args, expected) => {
    await writeFile(v30, 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n');
    await writeFile(badConfig, 'spec-diff:\n  severity:\n    enum-gone: off\n');
    await mkdir(badScenarios, { recursive: true });
    await writeFile(join(badScenarios, 'broken.json'), '{"tasks": [');
    const result = await runCli(args());
    expect(result.stderr).toMatch(expected);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});
