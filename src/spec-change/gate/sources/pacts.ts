import { PactFileError } from '../../../pact/errors.js';
import type { Pact } from '../../../pact/model.js';
import { readPact } from '../../../pact/read-pact.js';
import { ArtifactError } from '../artifact.js';
import { isDirectory, jsonFilesIn } from '../read-json.js';

/** Pact files to re-check: the default folder (when present) and every folder or file asked for. */
export interface PactLocations {
  /** `contracts/pacts`: fine when missing (said in the report). */
  readonly defaultDir?: string;
  /** `--pacts DIR|FILE`: must exist. */
  readonly extra: readonly string[];
}

/**
 * Reads the pacts (v1-v4) of the given places, each file once.
 *
 * @example const { pacts, notes } = await loadPacts({ defaultDir: 'contracts/pacts', extra: ['../consumers/pacts'] });
 */
export async function loadPacts(locations: PactLocations): Promise<{ pacts: Pact[]; notes: string[] }> {
  const files = new Set<string>();
  const notes: string[] = [];
  if (locations.defaultDir !== undefined) {
    if (await isDirectory(locations.defaultDir)) for (const f of await jsonFilesIn(locations.defaultDir)) files.add(f);
    else notes.push(`no pacts folder ${locations.defaultDir}: no committed pacts to check`);
  }
  for (const place of locations.extra) {
    if (await isDirectory(place)) for (const f of await jsonFilesIn(place)) files.add(f);
    else if (place.endsWith('.json')) files.add(place);
    else throw new ArtifactError(`--pacts ${place}: no such folder or .json file`);
  }
  const pacts: Pact[] = [];
  for (const file of files) {
    try {
      pacts.push(await readPact(file));
    } catch (error) {
      if (error instanceof PactFileError) throw new ArtifactError(error.message);
      throw error;
    }
  }
  return { pacts, notes };
}
