import { describe, expect, it } from '@jest/globals';
import { createAjv } from '../../src/validation/index.js';

describe('createAjv', () => {
  it.each([false, true])('refuses a typo in a schema (detailed: %s), meta-schema check or not', (detailed) => {
    const ajv = createAjv({ detailed });
    expect(() => ajv.compile({ type: 'object', propertes: { id: { type: 'string' } } })).toThrow(/unknown keyword/);
    expect(() => ajv.compile({ type: 'string', maxLength: 'ten' })).toThrow(/maxLength/);
    expect(() => ajv.compile({ type: 'strin' })).toThrow(/type/);
  });
});
