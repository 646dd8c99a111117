import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/package-root.js';

// The runner's one time budget (test/runner/setup.mjs) is all that ends a hung test: a child Jest on
// the project's own configuration runs a test that never ends, with a budget of 300 ms, and must
// report it as failed and still run the next test.

function childJest(): Promise<{ code: number | null; output: string }> {
  const root = packageRoot();
  const args = [
    '--import',
    join(root, 'test/runner/register.mjs'),
    '--no-warnings',
    join(root, 'node_modules/jest/bin/jest.js'),
    '--ci',
    '--testMatch',
    '**/test/runner/fixtures/hang.check.ts',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    // only when the budget itself is broken does the child never end: the same break would leave this
    // test without one, so a generous guard turns that hang into a failure (the child needs seconds)
    const guard = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

describe('the suite runner', () => {
  it('fails a test that outlasts its budget, and goes on with the next', async () => {
    const { code, output } = await childJest();
    expect(output).toContain('Exceeded the 300 ms budget');
    expect(output).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
    expect(code).toBe(1);
  });
});
