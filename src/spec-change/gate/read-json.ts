import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ArtifactError } from './artifact.js';

/** Parses a JSON artifact file; anything wrong is a one-line `ArtifactError`. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ArtifactError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ArtifactError(`${path} is not JSON: ${(error as Error).message}`);
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
