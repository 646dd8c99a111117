import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadContract } from '../contract/load.js';
import { contractForRelease } from '../contract/release-spec.js';
import { RELEASES, resolveRelease } from '../domain/releases.js';
import { FORMATS_NAME } from './ajv-instance.js';
import { ContractValidator } from './contract-validator.js';
import { allFormats } from './formats.js';
import { PREBUILT_FILE } from './prebuilt.js';
import { ValidatorFactory } from './schema-validator.js';

/**
 * What the module starts with: Ajv's code calls its runtime helpers by `require` and the formats
 * by `FORMATS_NAME` (`formats.ts`, in dist/src/validation).
 */
const PRELUDE = `// Written by \`npm run build\` (src/validation/prebuild.ts): the answers' validators of the bundled spec.
import { createRequire } from 'node:module';
import { ${allFormats.name} } from '../src/validation/formats.js';
const require = createRequire(import.meta.url);
const ${FORMATS_NAME} = ${allFormats.name}();
`;

/** Ajv's code holds each schema as a constant, most of them unused, and a `sourceURL` comment per function. */
function withoutUnused(code: string): string {
  return code
    .split('\n')
    .filter((line) => {
      const name = /^const (schema\d+) = /.exec(line)?.[1];
      return name === undefined || code.match(new RegExp(`\\b${name}\\b`, 'g'))!.length > 1;
    })
    .join('\n')
    .replace(/\/\*# sourceURL="[^"*]*" \*\//g, '');
}

/**
 * Writes the fast validators of every answer of the bundled spec as of each release (what verify
 * judges a site by) as one ES module, `PREBUILT_FILE`: the code, and a table per contract digest
 * from `responseKey` to its validator, which `loadPrebuiltValidators` reads. The releases share
 * most schemas; each is written once (`SharedSchemas` by content). Build time only (`scripts/build.mjs`).
 */
export async function writePrebuiltValidators(): Promise<void> {
  const contract = await loadContract();
  const factory = new ValidatorFactory({ source: true });
  const names = new Map<string, string>(); // schema id -> export name
  const tables = new Map<string, string>(); // a table's text -> its name: releases with the same answers share one
  const byDigest: string[] = [];
  for (const version of RELEASES) {
    const cut = await contractForRelease(contract, resolveRelease(version).profile);
    const rows: string[] = [];
    for (const [key, prepared] of new ContractValidator(cut, { factory }).answerSchemas()) {
      const id = factory.registeredId(prepared);
      if (!names.has(id)) names.set(id, `v${names.size}`);
      rows.push(`  ${JSON.stringify(key)}: ${names.get(id)},`);
    }
    const table = `{\n${rows.join('\n')}\n}`;
    if (!tables.has(table)) tables.set(table, `answers${tables.size}`);
    byDigest.push(`  ${JSON.stringify(cut.digest)}: ${tables.get(table)},`);
  }
  const code = factory.standaloneCode(Object.fromEntries([...names].map(([id, name]) => [name, id])));
  const tableCode = [...tables].map(([table, name]) => `const ${name} = ${table};\n`).join('');
  rmSync(dirname(PREBUILT_FILE), { recursive: true, force: true });
  mkdirSync(dirname(PREBUILT_FILE), { recursive: true });
  writeFileSync(
    PREBUILT_FILE,
    `${PRELUDE}${withoutUnused(code)}\n${tableCode}export const validators = {\n${byDigest.join('\n')}\n};\n`,
  );
}
