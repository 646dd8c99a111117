import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/index.js';

// tierUpSooner in a node process of its own: V8's flags are the process's. Optimization is made
// synchronous (--no-concurrent-recompilation) so that the count of calls before it is exact.
const tierUpModule = pathToFileURL(join(packageRoot(), 'dist', 'src', 'cli', 'tier-up.js')).href;
const WORKLOAD = `
const code = 'await (await import(' + ${JSON.stringify(JSON.stringify(tierUpModule))} + ')).tierUpSooner()';
if (process.env.CALLED === 'here') await import('data:text/javascript,' + encodeURIComponent(code));
if (process.env.CALLED === 'worker') {
  const { Worker } = await import('node:worker_threads');
  await new Promise((resolve, reject) => new Worker(code, { eval: true }).on('exit', resolve).on('error', reject));
}
function hot(x) { let s = 0; for (let i = 0; i < 20; i++) s += (x * i) % 7; return s; }
const optimized = () => (%GetOptimizationStatus(hot) & 16) !== 0;
let calls = 0;
while (!optimized() && calls < 100000) hot(calls++);
process.stdout.write(String(calls));
`;

/** How many calls a small hot function took to be optimized. */
async function callsBeforeOptimized(called: 'here' | 'worker' | 'no', nodeFlags: string[] = []): Promise<number> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...nodeFlags, '--allow-natives-syntax', '--no-concurrent-recompilation', '--input-type=module', '-e', WORKLOAD],
    { env: { ...process.env, CALLED: called, NODE_OPTIONS: '' } },
  );
  return Number(stdout);
}

describe('tierUpSooner', () => {
  it('has V8 optimize a hot function after fewer calls, unless the user set the budget or it runs in a worker', async () => {
    const [alone, sooner, usersFlag, fromWorker] = await Promise.all([
      callsBeforeOptimized('no'),
      callsBeforeOptimized('here'),
      callsBeforeOptimized('here', ['--interrupt-budget=67584']),
      callsBeforeOptimized('worker'),
    ]);
    expect(alone).toBeGreaterThan(0);
    expect(alone).toBeLessThan(100000);
    expect(sooner).toBeLessThan(alone / 2);
    expect({ usersFlag, fromWorker }).toEqual({ usersFlag: alone, fromWorker: alone });
  });
});
