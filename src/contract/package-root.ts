import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/**
 * The folder of this package's package.json, found by walking up from this module.
 * Works from the TypeScript sources (tests) and from the compiled `dist/` alike.
 */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error(`package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

/** The bundled contract, `spec/openapi.yaml`. */
export function defaultSpecPath(): string {
  return join(packageRoot(), 'spec', 'openapi.yaml');
}
