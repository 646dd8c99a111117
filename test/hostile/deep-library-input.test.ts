import { describe, expect, it } from '@jest/globals';
import { loadContractCached } from '../../src/contract/load.js';
import { analyzeDrift } from '../../src/drift/analyze.js';
import { deepMerge } from '../../src/fixtures/merge.js';
import { ValueMatcher } from '../../src/pact/match-value.js';
import { normalizeRules } from '../../src/pact/matching-rules.js';
import { Redactor } from '../../src/redaction/redactor.js';
import { canonical } from '../../src/spec-change/diff/schema-view.js';
import { checkDocument } from '../../src/validation/check-document.js';
import { ContractValidator } from '../../src/validation/contract-validator.js';
import { jsonDifferences } from '../../src/verify/json-diff.js';

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('probe', () => {
  const deep = nested(10_000);
  const other = nested(10_000, 2);
  const cases: [string, () => Promise<unknown> | unknown][] = [
    ['redact', () => new Redactor(['secret-value-1']).redact(deep)],
    [
      'redactBody',
      () => new Redactor(['secret-value-1']).redactBody(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`),
    ],
    [
      'checkDocument',
      async () =>
        checkDocument(ContractValidator.for(await loadContractCached()), 'task', { taskId: 'x', parameters: deep }),
    ],
    [
      'analyzeDrift',
      async () => {
        const c = await loadContractCached();
        return analyzeDrift(c, ContractValidator.for(c), [
          { kind: 'task', source: 's', value: { taskId: 'x', parameters: deep } },
        ]);
      },
    ],
    ['jsonDifferences', () => jsonDifferences(deep, other)],
    ['ValueMatcher', () => new ValueMatcher([]).compare(deep, other)],
    [
      'ValueMatcher type',
      () => new ValueMatcher([{ path: '$', matchers: [{ match: 'type' }] } as never]).compare(deep, other),
    ],
    ['normalizeRules', () => normalizeRules({ body: deep })],
    ['deepMerge', () => deepMerge(deep, other)],
    ['canonical', () => canonical(deep)],
  ];
  it.each(cases)('%s', async (_name, fn) => {
    let error: unknown;
    try {
      await fn();
    } catch (e) {
      error = e;
    }
    expect(error).not.toBeInstanceOf(RangeError);
  });
});
