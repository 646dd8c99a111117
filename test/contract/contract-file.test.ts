import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { buildContract } from '../../src/contract/build-contract.js';
import { builtContractPath, readBuiltContract, writeBuiltContract } from '../../src/contract/contract-file.js';
import { loadContract, parseSpec } from '../../src/contract/load.js';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import { rawDocument } from '../../src/contract/raw-document.js';

const dir = await mkdtemp(join(tmpdir(), 'built-contract-'));
const { text, document } = await parseSpec(defaultSpecPath());
const title = document.info.title;
/** The bundled spec loaded with `file` as its built contract. */
const loadWith = (file: string) => loadContract(defaultSpecPath(), { builtContract: file });
/** A built contract of the bundled spec whose document says where it came from. */
async function marked(name: string, specText = text): Promise<string> {
  const file = join(dir, name);
  await writeBuiltContract(
    { ...document, info: { ...document.info, title: 'read from the built file' } },
    specText,
    file,
  );
  return file;
}

describe('the built contract', () => {
  it('holds the dereferenced document, shared subschemas still shared, in a small file', async () => {
    const file = await buildContract(defaultSpecPath(), join(dir, 'contract.json'));
    const loaded = await loadWith(file);
    expect(rawDocument(loaded)).toEqual(document);
    const schemas = rawDocument(loaded).components!.schemas!;
    expect((schemas['TaskList'] as { properties: { result: { items: unknown } } }).properties.result.items).toBe(
      schemas['Task'],
    );
    expect((await readFile(file)).length).toBeLessThan(100_000);
  });

  it('is what the bundled spec loads from: the build wrote a fresh one into dist/', async () => {
    expect(await readBuiltContract(text, builtContractPath())).toEqual(document);
  });

  it('is read from disk when it was built from this very spec text', async () => {
    expect(rawDocument(await loadWith(await marked('fresh.json'))).info.title).toBe('read from the built file');
  });

  it('is ignored when stale (built from another text of the spec)', async () => {
    expect(rawDocument(await loadWith(await marked('stale.json', `${text}\n# edited`))).info.title).toBe(title);
  });

  it('is ignored when edited or damaged after the build, or missing', async () => {
    const file = await marked('edited.json');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('read from the built file', 'planted by someone else!'));
    expect(rawDocument(await loadWith(file)).info.title).toBe(title);
    await writeFile(file, original.slice(0, original.length / 2));
    expect(rawDocument(await loadWith(file)).info.title).toBe(title);
    await writeFile(file, 'not a built contract');
    expect(rawDocument(await loadWith(file)).info.title).toBe(title);
    expect(rawDocument(await loadWith(join(dir, 'missing.json'))).info.title).toBe(title);
  });
});
