import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { OpenAPIV3_1 } from 'openapi-types';
import { specDigest } from '../spec/digest.js';
import type { ContractModel } from '../spec/model.js';
import { buildOperations } from '../spec/operations.js';
import { defaultSpecPath } from '../spec/package-root.js';

/** Bump when the cached form changes. */
const CACHE_FORMAT = 'mock-contract-cache/1';
/** In this process, by the same key: servers created one after another share one load. */
const loaded = new Map<string, Promise<ContractModel>>();

/**
 * The contract for the mock, fast: parsing the YAML spec takes most of the mock's start-up time, so
 * the dereferenced document is kept as JSON in the temp folder, keyed by a digest of the spec's
 * text (a changed spec is a new key, never a stale answer). A miss loads the spec as usual and
 * writes the cache in the background; anything wrong with the cache falls back to the spec.
 */
export async function loadContractForMock(specPath: string = defaultSpecPath()): Promise<ContractModel> {
  const path = resolve(specPath);
  let text: Buffer;
  try {
    text = await readFile(path);
  } catch {
    return loadFromSpec(path, undefined); // the loader says why, in one line
  }
  const key = createHash('sha256').update(CACHE_FORMAT).update(path).update(text).digest('hex').slice(0, 32);
  let pending = loaded.get(key);
  if (!pending) {
    pending = loadByKey(path, join(tmpdir(), 'tasks-contract-cache', `${key}.json`), specDigest(text));
    loaded.set(key, pending);
    pending.catch(() => loaded.delete(key));
  }
  return pending;
}

async function loadByKey(path: string, cacheFile: string, digest: string): Promise<ContractModel> {
  try {
    const document = JSON.parse(await readFile(cacheFile, 'utf8')) as OpenAPIV3_1.Document;
    const operations = buildOperations(document);
    return {
      sourcePath: path,
      digest,
      document,
      operations,
      operationsById: new Map(operations.map((o) => [o.operationId, o])),
    };
  } catch {
    return loadFromSpec(path, cacheFile);
  }
}

async function loadFromSpec(path: string, cacheFile: string | undefined): Promise<ContractModel> {
  // the loader (YAML, $ref resolution) is imported only on a miss; its errors (one line) reach the user
  const { loadContract } = await import('../spec/load.js');
  const contract = await loadContract(path);
  if (cacheFile) void writeCache(cacheFile, contract.document);
  return contract;
}

async function writeCache(file: string, document: unknown): Promise<void> {
  try {
    await mkdir(join(file, '..'), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, JSON.stringify(document));
    await rename(partial, file); // atomic: a concurrent reader sees all of it or nothing
  } catch {
    // a cache is optional
  }
}
