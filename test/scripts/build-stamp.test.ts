import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { inputsDigest, isFresh } from '../../scripts/build.mjs';

// `npm start`, the benchmarks and the suite rebuild dist/ only when it is stale: the stamp must
// notice any change of an input and any missing output, and nothing else.
const root = await mkdtemp(join(tmpdir(), 'build-stamp-'));
const put = async (path: string, text: string) => {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
};
await put('src/a.ts', 'export const a = 1;\n');
await put('src/deep/b.ts', 'export const b = 2;\n');
await put('spec/openapi.yaml', 'openapi: 3.1.0\n');
await put('package.json', '{}\n');
for (const output of [
  'dist/src/cli/main.js',
  'dist/src/index.d.ts',
  'dist/contract.json',
  'dist/validators/answers.js',
])
  await put(output, '');
const stamp = async () => put('dist/.build-stamp', `${inputsDigest(root)}\n`);

describe('the build stamp', () => {
  it('says fresh when the stamp matches the inputs, whatever else changes', async () => {
    await stamp();
    expect(isFresh(root)).toBe(true);
    await put('test/x.test.ts', 'tests are not build inputs');
    await put('README.md', 'neither is the README');
    expect(isFresh(root)).toBe(true);
  });

  it('says stale when a source, the spec or a config changes, or a file comes or goes', async () => {
    for (const [path, text] of [
      ['src/deep/b.ts', 'export const b = 3;\n'],
      ['spec/openapi.yaml', 'openapi: 3.1.1\n'],
      ['package.json', '{"name":"x"}\n'],
      ['src/new.ts', ''],
    ] as const) {
      await stamp();
      await put(path, text);
      expect([path, isFresh(root)]).toEqual([path, false]);
    }
    await stamp();
    await rm(join(root, 'src/new.ts'));
    expect(isFresh(root)).toBe(false);
  });

  it('says stale when an output is missing or there is no stamp', async () => {
    await stamp();
    await rm(join(root, 'dist/contract.json'));
    expect(isFresh(root)).toBe(false);
    await put('dist/contract.json', '');
    expect(isFresh(root)).toBe(true);
    await rm(join(root, 'dist/validators/answers.js'));
    expect(isFresh(root)).toBe(false);
    await put('dist/validators/answers.js', '');
    expect(isFresh(root)).toBe(true);
    await rm(join(root, 'dist/.build-stamp'));
    expect(isFresh(root)).toBe(false);
  });
});
