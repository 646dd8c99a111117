// The load test: tests that once failed on a busy runner (the pact consumers, whose mock server
// recorded matches late under pact-core 19; the transport tests, which wait on timers) run again in a
// child Jest with four busy processes beside them, on this machine's two cores, and must pass.
// Alone: `npm run test:load`. The whole suite under the same load: `npm run test:busy`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/package-root.js';

// Small files, so the load test stays cheap: the hogs burn both cores for as long as the child Jest
// runs, which the rest of the suite pays for (a file of 1 s alone took 11 s among the hogs).
const ONCE_FLAKY = ['contracts/consumers/.*\\.pact\\.test\\.ts$', 'test/http/transport.test.ts'];

const jestOn = (files: readonly string[]) => [
  process.execPath,
  '--import',
  join(packageRoot(), 'test/runner/register.mjs'),
  '--no-warnings',
  join(packageRoot(), 'node_modules/jest/bin/jest.js'),
  '--ci',
  '--runInBand',
  ...files,
];

function runBusy(command: readonly string[]): Promise<{ code: number | null; output: string }> {
  const root = packageRoot();
  const args = ['scripts/busy-runner.mjs', '--hogs', '4', '--', ...command];
  return new Promise((resolve, reject) => {
    // FORCE_COLOR: the runner's worker threads carry the terminal's colour level; the output is read here
    const env = { ...process.env, PACT_OUTPUT: '', FORCE_COLOR: '0' };
    const child = spawn(process.execPath, args, { cwd: root, env });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('on a busy runner (four busy processes on two cores)', () => {
  it('the tests that once flaked under load pass', async () => {
    const { code, output } = await runBusy(jestOn(ONCE_FLAKY));
    expect(output).toContain('busy-runner: 4 busy processes');
    expect(output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect({ code, failed: output.match(/✕.*/g) ?? [] }).toEqual({ code: 0, failed: [] });
  });

  it("passes on the command's failure", async () => {
    const { code, output } = await runBusy([process.execPath, '-e', 'process.exit(3)']);
    expect(output).toContain('busy-runner: 4 busy processes');
    expect(code).toBe(3);
  });
});
