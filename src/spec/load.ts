import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { OpenAPIV3_1 } from 'openapi-types';
import { builtContractPath, readBuiltContract } from './built-contract.js';
import { SpecLoadError } from './errors.js';
import type { ContractModel } from './model.js';
import { buildOperations } from './operations.js';
import { defaultSpecPath } from './package-root.js';

async function readSpecText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new SpecLoadError(`cannot read spec ${path}: ${reason}`, path);
  }
}

async function parseSpecText(text: string, path: string): Promise<unknown> {
  // the YAML parser and the $ref resolver are loaded only when a spec is parsed (not for a built contract)
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    // with prettyErrors the first line ends "at line L, column C:" before a code frame
    const reason = (first.message.split('\n')[0] ?? '').replace(/:$/, '');
    throw new SpecLoadError(`cannot parse spec ${path}: ${reason}`, path);
  }
  return doc.toJS({ maxAliasCount: -1 });
}

function assertOpenApi31(value: unknown, path: string): asserts value is OpenAPIV3_1.Document {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SpecLoadError(`spec ${path} is not an OpenAPI document (expected a YAML or JSON object)`, path);
  }
  const record = value as Record<string, unknown>;
  const version = record['openapi'] ?? (record['swagger'] ? `Swagger ${String(record['swagger'])}` : undefined);
  if (version === undefined) {
    throw new SpecLoadError(`spec ${path} has no "openapi" field: it is not an OpenAPI document`, path);
  }
  if (typeof version !== 'string' || !/^3\.1\.\d+$/.test(version)) {
    throw new SpecLoadError(`spec ${path} is OpenAPI ${String(version)}; tasks-contract needs OpenAPI 3.1.x`, path);
  }
}

export interface LoadOptions {
  /**
   * A built contract to use when it was built from exactly this spec text (see `writeBuiltContract`).
   * Default: `dist/contract.json` for the bundled spec, none for any other.
   */
  readonly builtContract?: string;
}

function modelOf(path: string, document: OpenAPIV3_1.Document): ContractModel {
  const operations = buildOperations(document);
  return {
    sourcePath: path,
    document,
    operations,
    operationsById: new Map(operations.map((operation) => [operation.operationId, operation])),
  };
}

async function dereference(path: string, text: string): Promise<OpenAPIV3_1.Document> {
  const parsed = await parseSpecText(text, path);
  assertOpenApi31(parsed, path);
  const { default: $RefParser } = await import('@apidevtools/json-schema-ref-parser');
  try {
    return (await $RefParser.dereference(path, parsed, {
      resolve: { http: false },
      dereference: { circular: false },
    })) as OpenAPIV3_1.Document;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    throw new SpecLoadError(`cannot resolve references in spec ${path}: ${message}`, path);
  }
}

/**
 * Loads an OpenAPI 3.1 file (YAML or JSON), resolves every `$ref` (local files only, no network)
 * and normalizes it into an operation model. Failures are `SpecLoadError`s with a one-line message.
 * The bundled spec comes from its built contract (`dist/contract.json`, written by `npm run build`)
 * when that was built from the same text; a stale or damaged one is ignored.
 *
 * @example
 * const contract = await loadContract();            // the bundled spec/openapi.yaml
 * const getTask = contract.operationsById.get('getTask');
 */
export async function loadContract(
  specPath: string = defaultSpecPath(),
  options: LoadOptions = {},
): Promise<ContractModel> {
  const path = resolve(specPath);
  const text = await readSpecText(path);
  const built = options.builtContract ?? (path === defaultSpecPath() ? builtContractPath() : undefined);
  const document = (built && (await readBuiltContract(text, built))) || (await dereference(path, text));
  return modelOf(path, document);
}

/**
 * A spec's text and its dereferenced document, always parsed from the text (never from a built
 * contract): what `npm run build` writes into `dist/contract.json`.
 */
export async function parseSpec(specPath: string): Promise<{ text: string; document: OpenAPIV3_1.Document }> {
  const path = resolve(specPath);
  const text = await readSpecText(path);
  return { text, document: await dereference(path, text) };
}

const cache = new Map<string, Promise<ContractModel>>();

/**
 * `loadContract`, memoized per resolved path and text: a spec is parsed and dereferenced once per
 * process, and an edited file is loaded again.
 */
export async function loadContractCached(specPath: string = defaultSpecPath()): Promise<ContractModel> {
  const path = resolve(specPath);
  const text = await readSpecText(path);
  const key = `${path}\u0000${createHash('sha256').update(text).digest('hex')}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = loadContract(path);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}
