import { createRequire } from 'node:module';
import type { Format } from 'ajv';

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** The formats OpenAPI adds to JSON Schema's: int32 and int64 are checked, the others are annotations. */
export const OPENAPI_FORMATS: Readonly<Record<string, Format>> = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  float: true,
  double: true,
  byte: true,
  binary: true,
  password: true,
};

/**
 * Every format a validator knows, by name: ajv-formats' full set and `OPENAPI_FORMATS`. The
 * validators built as code at build time (`prebuilt.ts`) look their formats up here.
 */
export function allFormats(): Record<string, Format> {
  const require = createRequire(import.meta.url);
  const { fullFormats } = require('ajv-formats/dist/formats') as { fullFormats: Record<string, Format> };
  return { ...fullFormats, ...OPENAPI_FORMATS };
}
