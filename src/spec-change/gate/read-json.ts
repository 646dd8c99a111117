import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type FileLimit, INPUT_LIMITS, InputError, parseJsonText, readTextFile } from '../../input/index.js';
import { ArtifactError } from './artifact.js';

/**
 * Parses a JSON artifact file within the input limits (`maxBytes`, default a fixture file's; the
 * depth of any document); anything wrong is a one-line `ArtifactError`.
 */
export async function readJsonFile(
  path: string,
  limit: FileLimit = { what: 'artifact', maxBytes: INPUT_LIMITS.fixtureFileBytes.value },
): Promise<unknown> {
  try {
    return parseJsonText(await readTextFile(path, limit), { label: path });
  } catch (error) {
    if (error instanceof InputError) throw new ArtifactError(error.message);
    throw error;
  }
}

/** Whether a path is a folder (false when it does not exist). */
export async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** The `.json` files directly in a folder, sorted; empty when the folder does not exist. */
export async function jsonFilesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
