import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';
import type { ContractModel } from '../contract/model.js';
import { defaultSpecPath, packageRoot } from '../contract/package-root.js';

/** The answers' fast validators of one contract, written as code by the build, by `responseKey`. */
export type PrebuiltValidators = ReadonlyMap<string, ValidateFunction>;

/** The module the build writes them to (`prebuild.ts`). */
export const PREBUILT_FILE = join(packageRoot(), 'dist', 'validators', 'answers.js');

/** The key of one answer's schema: operation, status as the spec writes it, media type. */
export function responseKey(operationId: string, status: string, mediaType: string): string {
  return `${operationId} ${status} ${mediaType}`;
}

/**
 * The validators the build wrote for this contract (the bundled spec as of each release), loaded
 * without Ajv: compiling them is 0.3 s of CPU at each verify run. Undefined for any other contract
 * (the table is by digest), and when the file is missing or damaged: then they compile on first use.
 */
export async function loadPrebuiltValidators(
  contract: ContractModel,
  file = PREBUILT_FILE,
): Promise<PrebuiltValidators | undefined> {
  // the bundled spec's text at its own path: the same text elsewhere could resolve its $refs elsewhere
  if (contract.sourcePath !== defaultSpecPath() || !existsSync(file)) return undefined;
  try {
    const module = (await import(pathToFileURL(file).href)) as {
      validators?: Record<string, Record<string, ValidateFunction>>;
    };
    const table =
      module.validators && Object.hasOwn(module.validators, contract.digest)
        ? module.validators[contract.digest]
        : undefined;
    return table ? new Map(Object.entries(table)) : undefined;
  } catch {
    return undefined;
  }
}
