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

describe('keepHeapFlat', () => {
  it('stops the young generation at 16 MiB, where V8 grows it to 32 MiB, unless the user set it', async () => {
    const [alone, flat, usersFlag] = await Promise.all([
      youngGenerationMiB(false),
      youngGenerationMiB(true),
      youngGenerationMiB(true, ['--semi-space-growth-factor=2']),
    ]);
    expect({ alone, flat, usersFlag }).toEqual({ alone: 32, flat: 16, usersFlag: 32 });
  });
});
