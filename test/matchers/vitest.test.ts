import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/package-root.js';

interface VitestReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly testResults: {
    readonly assertionResults: {
      readonly title: string;
      readonly status: string;
      readonly failureMessages: string[];
    }[];
  }[];
}

/** Runs the tiny vitest project (test/matchers/vitest-project) with vitest's JSON reporter. */
function runVitest(): Promise<{ code: number | null; output: string; report: VitestReport }> {
  const dir = mkdtempSync(join(tmpdir(), 'journal-vitest-'));
  const outputFile = join(dir, 'report.json');
  const root = packageRoot();
  const args = [
    join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--root',
    join(root, 'test/matchers/vitest-project'),
    '--reporter=json',
    `--outputFile=${outputFile}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code, output, report: JSON.parse(readFileSync(outputFile, 'utf8')) as VitestReport });
      } catch (error) {
        reject(new Error(`vitest wrote no report (exit ${code}): ${output.slice(-2000)} ${(error as Error).message}`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('the journal matchers in vitest', () => {
  it('extend vitest through the package subpath: one test passes, the one that fails on purpose shows the near miss', async () => {
    const { code, report } = await runVitest();
    const results = report.testResults.flatMap((file) => file.assertionResults);
    expect(results.map((r) => [r.title.split(':')[0], r.status])).toEqual([
      ['passes', 'passed'],
      ['fails on purpose', 'failed'],
    ]);
    expect(code).toBe(1);
    const message = results[1]!.failureMessages.join('\n');
    expect(message).toContain('Expected the mock to have received enableTask with taskId');
    expect(message).toMatch(
      /Unmatched requests \(near misses\):\n {2}#3 POST \S+\/enabel -> unmatched 200 error 404 \(token: form\); closest: enableTask \(POST \/arcgis\/admin\/system\/tasks\/\{taskId\}\/enable\): path segment 6 is "enabel", the operation has "enable"/,
    );
  });
});
