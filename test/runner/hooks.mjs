// Module hooks for the test run (see register.mjs): what the source tree's TypeScript needs to load
// as native ES modules, the way tsc resolves it.
// - `./x.js` written in a .ts file is `./x.ts` when only that exists (NodeNext style imports);
// - `arcgis-tasks-contract` and its `/matchers` subpaths are the sources (as tsconfig.json's paths);
// - `@jest/globals` is the runner's globals (jest-light-runner installs them; the package throws
//   outside Jest's own environment);
// - a .ts file is transpiled by swc, types dropped, with an inline source map.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from '@swc/core';

const ROOT = new URL('../../', import.meta.url);
const GLOBALS = new URL('./jest-globals.mjs', import.meta.url).href;
const OWN_PACKAGE = {
  'arcgis-tasks-contract': 'src/index.ts',
  'arcgis-tasks-contract/matchers': 'src/matchers/index.ts',
};

const inTree = (url) => url?.startsWith(ROOT.href) && !url.includes('/node_modules/');

export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@jest/globals') return { url: GLOBALS, shortCircuit: true };
  if (inTree(context.parentURL)) {
    const own = OWN_PACKAGE[specifier];
    if (own) return { url: new URL(own, ROOT).href, shortCircuit: true };
    if (specifier.startsWith('arcgis-tasks-contract/matchers/'))
      return { url: new URL(`src/matchers/${specifier.slice(31)}.ts`, ROOT).href, shortCircuit: true };
    if (specifier.startsWith('.') && specifier.endsWith('.js')) {
      const asTs = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
      if (existsSync(asTs)) return { url: asTs.href, shortCircuit: true };
    }
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !/\.ts(\?|$)/.test(url)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code } = await transform(await readFile(path, 'utf8'), {
    filename: path,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
  });
  return { format: 'module', source: code, shortCircuit: true };
}
