import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { runCli } from '../helpers/cli.js';
import { driftPact } from '../helpers/drift-pact.js';

const dir = await mkdtemp(join(tmpdir(), 'pact-cli-'));
const committed = [
  'contracts/pacts/BackupDashboard-ArcGISEnterpriseAdmin.json',
  'contracts/pacts/OpsScript-ArcGISEnterpriseAdmin.json',
];

async function pactFile(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const incompatible = driftPact();

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
    const result = await runCli([
      'pact',
      'check-spec',
      committed[1]!,
      await pactFile('drift.json', incompatible),
      '--report',
      `junit:${junit}`,
      '--report',
      `json:${json}`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL Drifter: a task with a field the spec lacks');
    expect(result.stdout).toMatch(/Drifter\s+-> ArcGISEnterpriseAdmin\s+no/);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(await readFile(junit, 'utf8'));
    const suites = xml.testsuites.testsuite as {
      testcase: unknown | unknown[];
      '@_failures': string;
      '@_tests': string;
    }[];
    expect(suites.map((s) => [s['@_tests'], s['@_failures']])).toEqual([
      ['3', '0'],
      ['1', '1'],
    ]);
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report).toMatchObject({ command: 'pact check-spec', failed: true });
    expect(
      report.matrix.map((row: { consumer: string; compatible: boolean }) => [row.consumer, row.compatible]),
    ).toEqual([
      ['OpsScript', true],
      ['Drifter', false],
    ]);
    expect(report.verdicts[3].reasons[0]).toMatchObject({ pointer: '/nextRun' });
  });

  it.each([
    [
      'a missing pact file',
      async () => join(dir, 'missing.json'),
      /^tasks-contract: cannot read pact .*missing\.json: no such file\n$/,
    ],
    [
      'a file that is not JSON',
      async () => pactFile('broken.json', '{"consumer":'),
      /^tasks-contract: .*broken\.json is not JSON: /,
    ],
    [
      'an unknown pact version',
      async () => pactFile('v9.json', { ...incompatible, metadata: { pactSpecification: { version: '9.0.0' } } }),
      /^tasks-contract: .*v9\.json declares pact specification 9\.0\.0; supported are 1\.x to 4\.x\n$/,
    ],
    [
      'a pact without interactions',
      async () => pactFile('none.json', { consumer: { name: 'x' } }),
      /^tasks-contract: .*none\.json has no "interactions" list\n$/,
    ],
    [
      'a malformed interaction',
      async () =>
        pactFile('bad.json', {
          ...incompatible,
          interactions: [{ description: 'x', request: { path: '/x' }, response: {} }],
        }),
      /is malformed: interaction 1: request needs a method and a path\n$/,
    ],
  ])('answers %s with one line and exit 2', async (_label, make, expected) => {
    const result = await runCli(['pact', 'check-spec', await make()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('tasks-contract pact verify', () => {
  it('passes the committed pacts against the embedded mock, provider states set up from the states file', async () => {
    const json = join(dir, 'verify.json');
    const result = await runCli(['pact', 'verify', ...committed, '--report', `json:${json}`]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/BackupDashboard\s+-> ArcGISEnterpriseAdmin\s+yes\s+\(4 passed, 0 failed\)/);
    expect(result.stdout).toMatch(/OpsScript\s+-> ArcGISEnterpriseAdmin\s+yes\s+\(3 passed, 0 failed\)/);
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report.results.map((r: { status: string }) => r.status)).toEqual(Array(7).fill('passed'));
  });

  it('catches a provider that breaks an interaction (exit 1), keeping its credentials out of the output', async () => {
    const { startMockServer } = await import('../../src/mock/index.js');
    const { createServer } = await import('node:http');
    const password = 'canary-Pa55word-7f3a';
    const upstream = await startMockServer({ port: 0, password });
    // a provider whose disable answers {"status":"done"}: everything else passes through
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req
        .on('data', (c: Buffer) => chunks.push(c))
        .on('end', async () => {
          const answer = await fetch(`${upstream.url}${req.url}`, {
            method: req.method,
            headers: { 'content-type': req.headers['content-type'] ?? '' },
            ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
          });
          let text = await answer.text();
          if (req.url?.endsWith('/disable')) text = text.replace('"success"', '"done"');
          res
            .writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' })
            .end(text);
        });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    try {
      const html = join(dir, 'broken-provider.html');
      const result = await runCli(
        ['pact', 'verify', committed[1]!, '--base-url', base, '--username', 'admin', '--report', `html:${html}`],
        { env: { TASKS_CONTRACT_PASSWORD: password } },
      );
      expect(result.code).toBe(1);
      const page = await readFile(html, 'utf8');
      expect(page).toContain('✗ Cannot deploy: OpsScript.');
      expect(page).toContain('body /status must equal &quot;success&quot;; got &quot;done&quot;');
      expect(page).toMatch(/<strong data-count="failed">1<\/strong>/);
      expect(page).not.toContain(password);
      expect(result.stdout).toContain('FAIL OpsScript: a request to disable the task');
      expect(result.stdout).toContain('body /status must equal "success"; got "done"');
      expect(result.stdout).toMatch(/OpsScript\s+-> ArcGISEnterpriseAdmin\s+no\s+\(2 passed, 1 failed\)/);
      expect(result.stdout + result.stderr).not.toContain(password);
    } finally {
      await new Promise((r) => proxy.close(r));
      await upstream.close();
    }
  });

  it('exits 3 when the provider does not answer at all, and 2 for a bad states file', async () => {
    const { createServer } = await import('node:net');
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const unreachable = await runCli([
      'pact',
      'verify',
      committed[1]!,
      '--base-url',
      `http://127.0.0.1:${port}`,
      '--token',
      't',
      '--timeout',
      '2',
    ]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stdout).toContain('the provider did not answer: connection refused (ECONNREFUSED');
    const states = await pactFile('states.json', {
      states: { 'x {taskId}': { tasks: [{ taskType: 'Nope', taskId: '{taskId}' }] } },
    });
    const badStates = await runCli(['pact', 'verify', committed[1]!, '--states', states]);
    expect(badStates.code).toBe(2);
    expect(badStates.stderr).toMatch(
      /^tasks-contract: states file .*states\.json: state "x \{taskId\}" has unknown taskType Nope\n$/,
    );
  });
});
