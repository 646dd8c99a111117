import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { OpenAPIV3_1 } from 'openapi-types';
import {
  INPUT_LIMITS,
  InputError,
  MAX_WALK_DEPTH,
  parseJsonText,
  parseYamlText,
  readTextFile,
  tooDeep,
  valueDepth,
} from '../input/index.js';
import { builtContractPath, readBuiltContract } from './contract-file.js';
import { specDigest } from './digest.js';
import { SpecLoadError } from './errors.js';
import { layoutOf } from './layout.js';
import type { ContractModel, JsonSchema } from './model.js';
import { operationRoles } from './operation-roles.js';
import { buildOperations } from './operations.js';
import { defaultSpecPath } from './package-root.js';
import { keepRawDocument } from './raw-document.js';
import { confinedRefReader } from './ref-confinement.js';
import { tokenPlacementsOf } from './tokens.js';

/** How a spec's files are read: the file system by default, or e.g. `git show` for an older version. */
export interface SpecReadOptions {
  /** Reads one file of the spec (the root, and every file a `$ref` names) by absolute path; throws `SpecLoadError`. */
  readonly readText?: (absolutePath: string) => Promise<string>;
  /** How messages name the spec (default: its absolute path), e.g. `git:main:spec/openapi.yaml`. */
  readonly label?: string;
  /**
   * A built contract to use when it was built from exactly this spec text (see `writeBuiltContract`).
   * Default: `dist/contract.json` for the bundled spec read from disk, none for any other.
   */
  readonly builtContract?: string;
  /**
   * Folders besides the spec's own whose files a `$ref` may name (`--allow-ref-root DIR`). Any other
   * `$ref` to a file (absolute, `..`, `file://` elsewhere, a symlink out) or to the network is refused.
   */
  readonly allowedRefRoots?: readonly string[];
}

async function readSpecText(path: string): Promise<string> {
  try {
    return await readTextFile(path, { what: 'spec', maxBytes: INPUT_LIMITS.specBytes.value });
  } catch (error) {
    if (error instanceof InputError) throw new SpecLoadError(`cannot read spec ${path}: ${error.reason}`, path);
    throw error;
  }
}

async function parseSpecText(text: string, label: string): Promise<unknown> {
  // JSON is YAML, but JSON.parse reads it ten times faster; on a syntax error YAML's message (line, column) is clearer
  try {
    if (text.trimStart().startsWith('{')) {
      try {
        return parseJsonText(text, { label: `spec ${label}` });
      } catch (error) {
        if (!(error instanceof InputError) || error.problem !== 'syntax') throw error;
        // fall through to the YAML parser's message
      }
    }
    return await parseYamlText(text, { label: `spec ${label}` });
  } catch (error) {
    if (error instanceof InputError) throw new SpecLoadError(error.message, label);
    throw error;
  }
}

function assertOpenApi31(value: unknown, label: string): asserts value is OpenAPIV3_1.Document {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SpecLoadError(`spec ${label} is not an OpenAPI document (expected a YAML or JSON object)`, label);
  }
  const record = value as Record<string, unknown>;
  const version = record['openapi'] ?? (record['swagger'] ? `Swagger ${String(record['swagger'])}` : undefined);
  if (version === undefined) {
    throw new SpecLoadError(`spec ${label} has no "openapi" field: it is not an OpenAPI document`, label);
  }
  if (typeof version !== 'string' || !/^3\.1\.\d+$/.test(version)) {
    throw new SpecLoadError(`spec ${label} is OpenAPI ${String(version)}; tasks-contract needs OpenAPI 3.1.x`, label);
  }
}

function modelOf(path: string, document: OpenAPIV3_1.Document, digest: string): ContractModel {
  const operations = buildOperations(document);
  const model: ContractModel = {
    sourcePath: path,
    digest,
    info: { title: String(document.info?.title ?? ''), version: String(document.info?.version ?? '') },
    operations,
    operationsById: new Map(operations.map((operation) => [operation.operationId, operation])),
    roles: operationRoles(operations),
    tokens: tokenPlacementsOf(document),
    layout: layoutOf(operations),
    schemas: new Map(Object.entries(document.components?.schemas ?? {}) as [string, JsonSchema][]),
  };
  keepRawDocument(model, document);
  return model;
}

/** Every `$ref` resolved, confined to the spec's folder and `allowedRefRoots` (see `confinedRefReader`). */
async function dereference(path: string, parsed: unknown, options: SpecReadOptions): Promise<OpenAPIV3_1.Document> {
  const label = options.label ?? path;
  assertOpenApi31(parsed, label);
  const reader = confinedRefReader(path, label, options);
  // the $ref resolver is loaded only when a spec is parsed (not for a built contract)
  const { default: $RefParser } = await import('@apidevtools/json-schema-ref-parser');
  let document: OpenAPIV3_1.Document;
  try {
    document = (await $RefParser.dereference(path, parsed, {
      // the built-in file and http resolvers are off: every $ref goes through the confined reader
      resolve: { file: false, http: false, confined: reader },
      dereference: { circular: false },
    })) as OpenAPIV3_1.Document;
  } catch (error) {
    if (reader.refusal) throw reader.refusal;
    const message = (error as Error).message.split('\n')[0];
    throw new SpecLoadError(`cannot resolve references in spec ${label}: ${message}`, path);
  }
  // a chain of $refs nests deeper than its text: the schema walks (validator, spec diff) recurse over this
  if (valueDepth(document, MAX_WALK_DEPTH) > MAX_WALK_DEPTH)
    throw new SpecLoadError(`cannot use spec ${label}: with its $refs resolved it is ${tooDeep('').reason}`, path);
  return document;
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
  options: SpecReadOptions = {},
): Promise<ContractModel> {
  const path = resolve(specPath);
  const text = await (options.readText ?? readSpecText)(path);
  const built =
    options.builtContract ?? (path === defaultSpecPath() && !options.readText ? builtContractPath() : undefined);
  const document =
    (built && (await readBuiltContract(text, built))) ||
    (await dereference(path, await parseSpecText(text, options.label ?? path), options));
  return modelOf(path, document, specDigest(text));
}

/**
 * A contract from an OpenAPI 3.1 document already parsed (a copy of the spec with a proposed change
 * applied, say): references resolved against `sourcePath` (through `options.readText` when given),
 * then the operation model. Failures are `SpecLoadError`s, as for `loadContract`.
 *
 * @example const patched = await contractFromDocument(applyPatch(structuredClone(raw), patch).newDocument, specPath);
 */
export async function contractFromDocument(
  parsed: unknown,
  sourcePath: string,
  options: SpecReadOptions = {},
): Promise<ContractModel> {
  const path = resolve(sourcePath);
  // a document built in code has not been through parseYamlText: its depth is checked here, before
  // the dereferencer and the schema walks recurse over it
  if (valueDepth(parsed, MAX_WALK_DEPTH) > MAX_WALK_DEPTH)
    throw new SpecLoadError(`cannot use spec ${path}: ${tooDeep('it is').reason}`, path);
  // no file behind it: the digest is the document's own, as JSON
  return modelOf(path, await dereference(path, parsed, options), specDigest(JSON.stringify(parsed)));
}

/**
 * A contract from a document already dereferenced (no `$ref` left, shared subschemas shared), such as
 * a loaded contract's document cut to a release: the operation model alone, without a second pass of
 * the `$ref` resolver (whose modules alone cost a verify run 0.1 s to load). `digest` names it.
 */
export function contractOfDereferenced(
  document: OpenAPIV3_1.Document,
  sourcePath: string,
  digest: string,
): ContractModel {
  return modelOf(sourcePath, document, digest);
}

/**
 * A spec's text and its dereferenced document, always parsed from the text (never from a built
 * contract): what `npm run build` writes into `dist/contract.json`.
 */
export async function parseSpec(specPath: string): Promise<{ text: string; document: OpenAPIV3_1.Document }> {
  const path = resolve(specPath);
  const text = await readSpecText(path);
  return { text, document: await dereference(path, await parseSpecText(text, path), {}) };
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
