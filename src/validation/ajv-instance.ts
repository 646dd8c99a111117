import { createRequire } from 'node:module';
import type { Name } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type addFormatsModule from 'ajv-formats';
import { OPENAPI_FORMATS } from './formats.js';

/**
 * Ajv and ajv-formats (CommonJS), loaded on the first `createAjv`: loading them is a tenth of a
 * second, which verify spends while its first big answer is on its way instead of at start-up.
 */
function ajvModules(): {
  Ajv: typeof Ajv2020;
  addFormats: (ajv: Ajv2020) => Ajv2020;
  codeName: (name: string) => Name;
} {
  const require = createRequire(import.meta.url);
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const formats = require('ajv-formats') as typeof addFormatsModule & { default?: typeof addFormatsModule };
  const { Name: CodeName } = require('ajv/dist/compile/codegen') as { Name: typeof Name };
  return {
    Ajv,
    addFormats: (formats.default ?? formats) as unknown as (ajv: Ajv2020) => Ajv2020,
    codeName: (name) => new CodeName(name),
  };
}

/** Keywords OpenAPI 3.1 adds to JSON Schema; annotations only, so they validate nothing. */
const OPENAPI_VOCABULARY = ['discriminator', 'example', 'xml', 'externalDocs'];

/** The name the code of a `source` Ajv calls the formats by (the prelude of `prebuilt.ts`'s modules defines it). */
export const FORMATS_NAME = 'contractFormats';

/**
 * An Ajv for the 2020-12 draft that knows the OpenAPI keywords and formats.
 * Strict about unknown keywords (a typo in the spec is an error), lax about the type hints that
 * OpenAPI documents routinely leave out.
 */
export function createAjv(options: { detailed: boolean; source?: boolean }): Ajv2020 {
  const { Ajv, addFormats, codeName } = ajvModules();
  // `source`: the validators keep their code, to be written as a module (`prebuilt.ts`, at build time)
  const source = options.source ? { source: true, esm: true, lines: true, formats: codeName(FORMATS_NAME) } : {};
  const ajv = new Ajv({
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allErrors: options.detailed,
    verbose: options.detailed,
    discriminator: false,
    // Checking each schema against the 2020-12 meta-schema first compiles that meta-schema, about half
    // of a fast validator's start; strict mode still refuses unknown keywords and keyword values of the
    // wrong type as it compiles. The detailed validator (compiled only when a value fails) checks in full.
    validateSchema: options.detailed,
    unicodeRegExp: true,
    // Ajv's optimizing pass is a third of compiling a detailed validator, which runs once per failing
    // value: its code is as fast without it, and it reports the same errors.
    code: { optimize: !options.detailed, ...source },
    // The fast validator needs no error messages (the detailed one explains a failure). Leaving them
    // out keeps the Task validator's one generated function under V8's size limit for optimizing:
    // with them, a small spec change (one `maximum`) made every validation 4-5x slower.
    messages: options.detailed,
  });
  addFormats(ajv);
  ajv.addVocabulary(OPENAPI_VOCABULARY);
  for (const [name, format] of Object.entries(OPENAPI_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}
