import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'flatted';
import type { OpenAPIV3_1 } from 'openapi-types';
import { packageRoot } from './package-root.js';

/** Bump when the file's layout changes: an older file is then ignored, never misread. */
const FORMAT = 'tasks-contract/built-contract/1';

interface Header {
  readonly format: string;
  /** SHA-256 of the spec text the document was built from: another text means a stale file. */
  readonly specSha256: string;
  /** SHA-256 of the body below the header: another body means a damaged or edited file. */
  readonly bodySha256: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Where `npm run build` puts the bundled spec's dereferenced contract: `dist/contract.json` at the package root. */
export function builtContractPath(root: string = packageRoot()): string {
  return join(root, 'dist', 'contract.json');
}

/**
 * Writes a dereferenced document as a built contract: one header line (format and digests), then
 * the document in `flatted` form, which keeps shared subschemas shared (a dereferenced spec repeats
 * each `$ref` target; plain JSON would copy it at every use, 30 times larger, and lose the sharing
 * the validators' caches rely on). The write is atomic.
 *
 * @example
 * await writeBuiltContract(contract.document, await readFile(defaultSpecPath(), 'utf8'), builtContractPath());
 */
export async function writeBuiltContract(
  document: OpenAPIV3_1.Document,
  specText: string,
  file: string = builtContractPath(),
): Promise<void> {
  const body = stringify(document);
  const header: Header = { format: FORMAT, specSha256: sha256(specText), bodySha256: sha256(body) };
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(header)}\n${body}`);
  await rename(partial, file);
}

/**
 * The document of a built contract, when `file` exists, was built from exactly `specText` and is
 * intact; otherwise undefined (and the caller loads the spec itself).
 */
export async function readBuiltContract(specText: string, file: string): Promise<OpenAPIV3_1.Document | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const header = JSON.parse(text.slice(0, newline)) as Partial<Header>;
    const body = text.slice(newline + 1);
    if (header.format !== FORMAT || header.specSha256 !== sha256(specText) || header.bodySha256 !== sha256(body))
      return undefined;
    return parse(body) as OpenAPIV3_1.Document;
  } catch {
    return undefined;
  }
}
