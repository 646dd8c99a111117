import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { packageRoot } from '../../src/contract/package-root.js';
import { inKeyOrder, orderedMerge } from '../../src/domain/key-order.js';

// orderedMerge is inKeyOrder of a merged copy, compiled: whatever the two objects hold, the same keys
// come out in the same order with the same values.

const ORDER = ['b', 'a', 'd', 'c'];
const merge = orderedMerge(ORDER);
const key = fc.constantFrom('a', 'b', 'c', 'd', 'x', 'y', 'z');
const value = fc.oneof(fc.constant(undefined), fc.integer(), fc.string());
const fields = fc.dictionary(key, value);

describe('orderedMerge', () => {
  it('equals inKeyOrder of the merged copy, unknown keys and undefined values included', () => {
    fc.assert(
      fc.property(fields, fields, (base, changes) => {
        const expected = inKeyOrder({ ...base, ...changes }, ORDER);
        const merged = merge(base, changes);
        expect(Object.keys(merged)).toEqual(Object.keys(expected));
        expect(merged).toStrictEqual(expected);
      }),
    );
  });

  it('keeps an unknown key where the base has it, and a changed value wins', () => {
    const merged = merge({ x: 1, a: 2, y: 3 }, { y: 4, z: 5, b: undefined, c: 6 });
    expect(Object.entries(merged)).toEqual([
      ['a', 2],
      ['c', 6],
      ['x', 1],
      ['y', 4],
      ['z', 5],
    ]);
  });

  it('refuses an order naming a key every object inherits', () => {
    expect(() => orderedMerge(['a', 'toString'])).toThrow("'toString' is a key every object inherits");
    expect(() => orderedMerge(['__proto__'])).toThrow('every object inherits');
  });

  it('merges the slow way where code from strings is disallowed', () => {
    const script = `import { orderedMerge } from './src/domain/key-order.ts';
new Function('return 1'); // throws here, or the test proves nothing
`;
    const run = (code: string) =>
      execFileSync(
        process.execPath,
        [
          '--disallow-code-generation-from-strings',
          '--import',
          './test/runner/register.mjs',
          '--input-type=module',
          '-e',
          code,
        ],
        { cwd: packageRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    expect(() => run(script)).toThrow('Code generation from strings disallowed');
    const merged = run(`import { orderedMerge } from './src/domain/key-order.ts';
process.stdout.write(JSON.stringify(orderedMerge(['b', 'a'])({ x: 1, a: 2, b: 0 }, { b: 3, z: undefined })));
`);
    expect(merged).toBe('{"b":3,"a":2,"x":1}');
  });
});
