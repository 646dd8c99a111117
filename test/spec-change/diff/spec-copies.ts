import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadContract } from '../../../src/contract/load.js';
import type { ContractModel } from '../../../src/contract/model.js';
import { defaultSpecPath } from '../../../src/contract/package-root.js';

/** The bundled spec as a plain object, parsed once (anchors expanded). */
const BASE = parse(readFileSync(defaultSpecPath(), 'utf8'), { maxAliasCount: -1 }) as Spec;

// biome-ignore lint/suspicious/noExplicitAny: a spec copy is edited freely by each test case
export type Spec = Record<string, any>;

/** A copy of the bundled spec, edited by `edit`. */
export function specCopy(edit: (spec: Spec) => void = () => {}): Spec {
  const copy = structuredClone(BASE);
  edit(copy);
  return copy;
}

/** Loads a spec object through the real loader (as if it were a file), without touching the disk. */
export function contractOf(spec: Spec, name = 'copy.json'): Promise<ContractModel> {
  const text = JSON.stringify(spec);
  return loadContract(`/virtual/${name}`, { readText: async () => text, label: name });
}
