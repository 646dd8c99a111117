import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/index.js';

const root = packageRoot();

describe('src/shapes/contract.generated.ts', () => {
  it('is what openapi-typescript makes of spec/openapi.yaml today (run `npm run gen:types` when this fails)', async () => {
    const cli = join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    const { stdout } = await promisify(execFile)(process.execPath, [cli, join(root, 'spec', 'openapi.yaml')], {
      cwd: root,
      maxBuffer: 1 << 24,
    });
    const committed = await readFile(join(root, 'src', 'shapes', 'contract.generated.ts'), 'utf8');
    expect(committed).toBe(stdout);
  });
});
