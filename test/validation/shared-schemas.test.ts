import { describe, expect, it } from '@jest/globals';
import { createAjv } from '../../src/validation/index.js';
import { SharedSchemas } from '../../src/validation/shared-schemas.js';

// A component held by two schemas, as the dereferenced contract holds Task in four answers.
const base = { type: 'object', properties: { id: { type: 'string' }, size: { type: 'integer' } }, required: ['id'] };
const item = { allOf: [base], properties: { kind: { const: 'a' } }, unevaluatedProperties: false };
const list = { type: 'object', properties: { result: { type: 'array', items: item } }, required: ['result'] };

function compiled() {
  const ajv = createAjv({ detailed: false });
  const shared = new SharedSchemas(() => ajv);
  shared.share([base, item]);
  let compiles = 0;
  const compile = ajv.compile.bind(ajv);
  ajv.compile = ((schema: object) => {
    compiles += 1;
    return compile(schema);
  }) as typeof ajv.compile;
  return { shared, compiles: () => compiles, inline: createAjv({ detailed: false }) };
}

describe('SharedSchemas', () => {
  it('accepts and rejects what the inline schema does, fields of a shared part counted as evaluated', () => {
    const { shared, inline } = compiled();
    const values = [
      { id: 'x', kind: 'a', size: 1 },
      { id: 'x', kind: 'a', other: 1 },
      { id: 'x', kind: 'b' },
      { kind: 'a' },
      { id: 'x', size: 1.5 },
      'not an object',
    ];
    for (const [schema, wrap] of [
      [item, (v: unknown) => v],
      [list, (v: unknown) => ({ result: [v] })],
    ] as const) {
      const fast = shared.compile(schema);
      const reference = inline.compile(schema);
      for (const value of values) expect([value, fast(wrap(value))]).toEqual([value, reference(wrap(value))]);
    }
  });

  it('compiles a shared schema once for every schema that holds it', () => {
    const { shared, compiles } = compiled();
    const first = shared.compile(item);
    shared.compile(list);
    expect(shared.compile(item)).toBe(first);
    expect(compiles()).toBe(1); // the list; the item and its base are added once and called by $ref
  });

  it('refuses a cycle that goes through no shared schema instead of walking it forever', () => {
    const { shared } = compiled();
    const loop: Record<string, unknown> = { type: 'object' };
    loop['properties'] = { next: loop };
    expect(() => shared.compile(loop)).toThrow(/nests deeper than 64 levels/);
  });
});
