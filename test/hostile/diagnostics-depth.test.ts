import { describe, expect, it } from '@jest/globals';
import { loadContract } from '../../src/contract/index.js';
import { previewJson } from '../../src/input/preview.js';
import { ContractValidator } from '../../src/validation/contract-validator.js';

// issue 17, High: diagnostics described the offending value with JSON.stringify, which overflows the
// stack on a value nested a few thousand deep.
const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('diagnostics on deeply nested values', () => {
  it('previews a 100,000-deep value in a bounded string', () => {
    const text = previewJson(nested(100_000), 60);
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text.startsWith('{"a":{"a":')).toBe(true);
  });

  it('previews small values as JSON.stringify does', () => {
    for (const value of [null, 1, 'x"y', [1, 'a', null], { a: [true, { b: 2 }], u: undefined }, []]) {
      expect(previewJson(value, 200)).toBe(JSON.stringify(value));
    }
    expect(previewJson('x'.repeat(100), 60)).toBe(`"${'x'.repeat(56)}...`);
  });

  it('reports a Task whose parameters nest 10,000 deep as a violation, without a RangeError', async () => {
    const validator = ContractValidator.for(await loadContract());
    const result = validator.forComponent('Task').validate({ taskId: 'x', parameters: nested(10_000) });
    expect(result.valid).toBe(false);
    expect(result.violations.length).toBeGreaterThan(0);
  });
});
