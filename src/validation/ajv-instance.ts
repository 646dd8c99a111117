import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type addFormatsModule from 'ajv-formats';

/**
 * Ajv and ajv-formats (CommonJS), loaded on the first `createAjv`: loading them is a tenth of a
 * second, which verify spends while its first big answer is on its way instead of at start-up.
 */
function ajvModules(): { Ajv: typeof Ajv2020; addFormats: (ajv: Ajv2020) => Ajv2020 } {
  const require = createRequire(import.meta.url);
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const formats = require('ajv-formats') as typeof addFormatsModule & { default?: typeof addFormatsModule };
  return { Ajv, addFormats: (formats.default ?? formats) as unknown as (ajv: Ajv2020) => Ajv2020 };
}

/** Keywords OpenAPI 3.1 adds to JSON Schema; annotations only, so they validate nothing. */
const OPENAPI_VOCABULARY = ['discriminator', 'example', 'xml', 'externalDocs'];

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/**
 * An Ajv for the 2020-12 draft that knows the OpenAPI keywords and formats.
 * Strict about unknown keywords (a typo in the spec is an error), lax about the type hints that
 * OpenAPI documents routinely leave out.
 */
export function createAjv(options: { detailed: boolean }): Ajv2020 {
  const { Ajv, addFormats } = ajvModules();
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
    code: { optimize: !options.detailed },
    // The fast validator needs no error messages (the detailed one explains a failure). Leaving them
    // out keeps the Task validator's one generated function under V8's size limit for optimizing:
    // with them, a small spec change (one `maximum`) made every validation 4-5x slower.
    messages: options.detailed,
  });
  addFormats(ajv);
  ajv.addVocabulary(OPENAPI_VOCABULARY);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  for (const annotationOnly of ['float', 'double', 'byte', 'binary', 'password']) ajv.addFormat(annotationOnly, true);
  return ajv;
}
