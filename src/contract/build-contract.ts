import { builtContractPath, writeBuiltContract } from './contract-file.js';
import { parseSpec } from './load.js';
import { defaultSpecPath } from './package-root.js';

/**
 * Parses and dereferences a spec and writes it as a built contract (by default the bundled spec
 * into `dist/contract.json`, which `npm run build` does), so that loading it later costs a file
 * read and two digests instead of a YAML parse. Returns the file written.
 *
 * @example
 * await buildContract(); // '<package>/dist/contract.json'
 */
export async function buildContract(
  specPath: string = defaultSpecPath(),
  file: string = builtContractPath(),
): Promise<string> {
  const { text, document } = await parseSpec(specPath);
  await writeBuiltContract(document, text, file);
  return file;
}
