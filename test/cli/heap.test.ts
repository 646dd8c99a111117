import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/index.js';

// keepHeapFlat (verify's memory) in a node process of its own: V8's flags are the process's. The
// workload keeps about 1 MB alive per collection, so that V8 grows the young generation.
const heapModule = pathToFileURL(join(packageRoot(), 'dist', 'src', 'cli', 'heap.js')).href;
const WORKLOAD = `
const { getHeapSpaceStatistics } = await import('node:v8');
if (process.env.FLAT === '1') (await import(${JSON.stringify(heapModule)})).keepHeapFlat();

const youngBytes = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
let kept = [];
let batch = [];
let most = 0;
for (let round = 0; round < 300; round++) {
  for (let i = 0; i < 10000; i++) {
    batch.push({ i });
    if (batch.length > 3000) {
      kept.push(batch);
      batch = [];
      if (kept.length > 20) kept.shift();
    }
  }
  most = Math.max(most, youngBytes());
  await new Promise((resolve) => setImmediate(resolve));
}
process.stdout.write(String(most / 2 ** 20));
`;

/** The largest young generation (MiB) the workload saw. */
async function youngGenerationMiB(flat: boolean, nodeFlags: string[] = []): Promise<number> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...nodeFlags, '--input-type=module', '-e', WORKLOAD],
    {
      env: { ...process.env, FLAT: flat ? '1' : '0', NODE_OPTIONS: '' },
    },
  );
  return Number(stdout);
}

/**
 * Full collections while the old generation grows to ~300 MB of small arrays, keepHeapFlat called in this process
 * ('here'), in a worker thread of it ('worker', as the CLI runs inside a test runner), or not at all
 * (`worker-idle`: the same worker, which only loads the module).
 */
const GROWING = `
const { PerformanceObserver } = await import('node:perf_hooks');
let full = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.detail?.kind === 4) full++;
}).observe({ entryTypes: ['gc'] });
if (process.env.CALLED === 'here') (await import(${JSON.stringify(heapModule)})).keepHeapFlat();
if (process.env.CALLED?.startsWith('worker')) {
  const { Worker } = await import('node:worker_threads');
  const call = process.env.CALLED === 'worker' ? '.keepHeapFlat()' : '';
  const code = 'await (await import(' + ${JSON.stringify(JSON.stringify(heapModule))} + '))' + call;
  await new Promise((resolve, reject) => new Worker(code, { eval: true }).on('exit', resolve).on('error', reject));
}
const kept = [];
for (let i = 0; i < 300; i++) {
  const batch = new Array(10000);
  for (let j = 0; j < 10000; j++) batch[j] = [j, j, j, j, j, j, j, j, j, j, j, j];
  kept.push(batch);
  if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
}
await new Promise((resolve) => setTimeout(resolve, 50));
process.stdout.write(String(full));
`;

async function fullCollections(called: 'here' | 'worker' | 'worker-idle'): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', GROWING], {
    env: { ...process.env, CALLED: called, NODE_OPTIONS: '' },
  });
  return Number(stdout);
}

describe('keepHeapFlat', () => {
  it('stops the young generation at 16 MiB, where V8 grows it to 32 MiB, unless the user set it', async () => {
    const [alone, flat, usersFlag] = await Promise.all([
      youngGenerationMiB(false),
      youngGenerationMiB(true),
      youngGenerationMiB(true, ['--semi-space-growth-factor=2']),
    ]);
    expect({ alone, flat, usersFlag }).toEqual({ alone: 32, flat: 16, usersFlag: 32 });
  });

  it("leaves the process's heap alone when called from a worker thread (the CLI inside another program)", async () => {
    const alone = await fullCollections('worker-idle');
    const flat = await fullCollections('here');
    const fromWorker = await fullCollections('worker');
    // the bounded growing factor collects more often (2 against 5 here); from a worker, as often as alone
    expect(flat).toBeGreaterThan(alone + 1);
    expect({
      alone,
      flat,
      fromWorker,
      nearerAlone: Math.abs(fromWorker - alone) < Math.abs(fromWorker - flat),
    }).toEqual({
      alone,
      flat,
      fromWorker,
      nearerAlone: true,
    });
  });
});
