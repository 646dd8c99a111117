import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { parseDocument } from 'yaml';
import { specDigest } from './digest.js';
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

function parseSpecText(text: string, path: string): unknown {
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

/**
 * Loads an OpenAPI 3.1 file (YAML or JSON), resolves every `$ref` (local files only, no network)
 * and normalizes it into an operation model. Failures are `SpecLoadError`s with a one-line message.
 *
 * @example
 * const contract = await loadContract();            // the bundled spec/openapi.yaml
 * const getTask = contract.operationsById.get('getTask');
 */
export async function loadContract(specPath: string = defaultSpecPath()): Promise<ContractModel> {
  const path = resolve(specPath);
  const text = await readSpecText(path);
  const parsed = parseSpecText(text, path);
  assertOpenApi31(parsed, path);
  let document: OpenAPIV3_1.Document;
  try {
    document = (await $RefParser.dereference(path, parsed, {
      resolve: { http: false },
      dereference: { circular: false },
    })) as OpenAPIV3_1.Document;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    throw new SpecLoadError(`cannot resolve references in spec ${path}: ${message}`, path);
  }
  const operations = buildOperations(document);
  return {
    sourcePath: path,
    digest: specDigest(text),
    document,
    operations,
    operationsById: new Map(operations.map((operation) => [operation.operationId, operation])),
  };
}

const cache = new Map<string, Promise<ContractModel>>();

/** `loadContract`, memoized per resolved path: the spec is read and dereferenced once per process. */
export function loadContractCached(specPath: string = defaultSpecPath()): Promise<ContractModel> {
  const path = resolve(specPath);
  let pending = cache.get(path);
  if (!pending) {
    pending = loadContract(path);
    cache.set(path, pending);
    pending.catch(() => cache.delete(path));
  }
  return pending;
}
