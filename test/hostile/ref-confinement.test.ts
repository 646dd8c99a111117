import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import { runCli } from '../helpers/cli.js';
import { specCopy } from '../spec-change/diff/spec-copies.js';

// Issue 17, row "spec diff / spec gate read local files through $ref and print them": a NEW spec (a pull
// request's own file) names files outside its folder; each is refused in one line and none of it is printed.

const CANARY = 'CANARY-7f3a9c-not-to-be-printed';
const root = await mkdtemp(join(tmpdir(), 'ref-confinement-'));
const outside = join(root, 'outside');
const project = join(root, 'project', 'spec');
await mkdir(outside, { recursive: true });
await mkdir(project, { recursive: true });
const secretFile = join(outside, 'secret.json');
await writeFile(secretFile, JSON.stringify(CANARY));
await writeFile(join(project, 'units.json'), JSON.stringify({ month: 'month' }));
await symlink(secretFile, join(project, 'link.json'));

// a real local server: a spec must never make it receive a request
let received = 0;
const server = createServer((_request, response) => {
  received++;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(CANARY));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A NEW spec whose RetentionType enum holds a `$ref` (the probe), written into the project's spec folder. */
async function newSpecWith(name: string, ref: string): Promise<string> {
  const spec = specCopy((s) => (s['components'].schemas.RetentionType.enum = ['day', 'week', { $ref: ref }]));
  const path = join(project, name);
  await writeFile(path, JSON.stringify(spec));
  return path;
}

async function diffOf(newSpec: string, ...extra: string[]) {
  const markdown = join(root, `${Math.random().toString(36).slice(2)}.md`);
  const result = await runCli(
    ['spec', 'diff', defaultSpecPath(), newSpec, '--report', `markdown:${markdown}`, ...extra],
    {
      env: { TASKS_CONTRACT_CANARY: CANARY },
    },
  );
  const report = await readFile(markdown, 'utf8').catch(() => '');
  return { ...result, all: result.stdout + result.stderr + report };
}

const refused: [string, string][] = [
  ['an absolute path into /proc', '/proc/self/environ'],
  ['a relative path climbing out of the folder', '../../../../../../../../etc/hostname'],
  ['a relative path to a sibling folder', '../../outside/secret.json'],
  ['an absolute path to a file elsewhere', secretFile],
  ['a file:// URL elsewhere', pathToFileURL(secretFile).href],
  ['a symlink in the folder pointing out of it', 'link.json'],
  ['an http URL', `http://127.0.0.1:${port}/x.json`],
];

describe('$ref confinement (spec diff, NEW spec from a pull request)', () => {
  it.each(refused)('refuses %s in one line, exit 2, printing none of it', async (_what, ref) => {
    const result = await diffOf(await newSpecWith(`new-${Math.random().toString(36).slice(2)}.json`, ref));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^tasks-contract: spec .*: \$ref ".*" is refused: .*--allow-ref-root DIR\)\n$/);
    expect(result.all).not.toContain(CANARY);
    expect(result.all).not.toMatch(/PATH=|HOME=/);
    expect(received).toBe(0);
  });

  it('reads a file beside the spec (the confinement lets normal specs work)', async () => {
    const result = await diffOf(await newSpecWith('sibling.json', 'units.json#/month'));
    expect(result.code).toBe(0);
  });

  it('reads a folder named with --allow-ref-root, and only then', async () => {
    await writeFile(join(outside, 'units.json'), JSON.stringify('month'));
    const spec = await newSpecWith('allowed.json', relative(project, join(outside, 'units.json')));
    expect((await diffOf(spec)).code).toBe(2);
    const allowed = await diffOf(spec, '--allow-ref-root', outside);
    expect(allowed.stderr).toBe('');
    expect(allowed.code).toBe(0);
  });

  it('confines a git:REF:path spec the same way: a $ref out of its folder is refused, not read from disk', async () => {
    const repo = join(root, 'repo');
    await mkdir(join(repo, 'spec'), { recursive: true });
    const spec = specCopy((s) => (s['components'].schemas.RetentionType.enum = ['day', { $ref: secretFile }]));
    await writeFile(join(repo, 'spec', 'openapi.json'), JSON.stringify(spec));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: repo,
        stdio: 'pipe',
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'spec');
    const result = await runCli(['spec', 'diff', defaultSpecPath(), 'git:HEAD:spec/openapi.json'], { cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^tasks-contract: spec git:HEAD:spec\/openapi\.json: \$ref ".*secret\.json" is refused/,
    );
    expect(result.stdout + result.stderr).not.toContain(CANARY);
  });

  it('applies to every command with --spec (verify refuses before sending anything)', async () => {
    const spec = await newSpecWith('verify.json', `http://127.0.0.1:${port}/x.json`);
    const result = await runCli(['verify', '--spec', spec, '--base-url', `http://127.0.0.1:${port}/arcgis/admin`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /\$ref "http:\/\/127\.0\.0\.1:\d+\/x\.json" is refused: specs are never read from the network/,
    );
    expect(received).toBe(0);
  });
});
