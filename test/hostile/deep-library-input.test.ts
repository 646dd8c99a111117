import { describe, expect, it } from '@jest/globals';
import { contractFromDocument, SpecLoadError } from '../../src/contract/index.js';
import { loadContractCached } from '../../src/contract/load.js';
import { analyzeDrift } from '../../src/drift/analyze.js';
import { generateTask } from '../../src/fixtures/index.js';
import { deepMerge } from '../../src/fixtures/merge.js';
import { InputError, stringifyBounded } from '../../src/input/index.js';
import { PactSpecChecker } from '../../src/pact/check-spec.js';
import { ValueMatcher } from '../../src/pact/match-value.js';
import { normalizePact } from '../../src/pact/read-pact.js';
import { Redactor } from '../../src/redaction/redactor.js';
import { canonical } from '../../src/spec-change/diff/schema-view.js';
import { checkDocument } from '../../src/validation/check-document.js';
import { ContractValidator } from '../../src/validation/contract-validator.js';
import { propertySchemas } from '../../src/validation/form-coercion.js';
import { jsonDifferences } from '../../src/verify/json-diff.js';

// issue 17: no recursion without a bound, also for library callers. The CLI and the mock cap depth
// where data enters; a caller of the library can pass a 10,000-deep object straight in. Each entry
// answers a refusal (InputError, SpecLoadError) or a finding, never a RangeError of the stack.

const DEPTH = 10_000;
const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};
const deep = nested(DEPTH);
const deepOther = nested(DEPTH, 2);
const TOO_DEEP = /nested deeper than 256 levels/;

/** The refusal `fn` throws; fails the test when it throws nothing. */
function refusal(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal, got an answer');
}

describe('exported walkers given a 10,000-deep object', () => {
  it('Redactor.redact copies to the walk limit, a note below it, and masks the secrets it holds', () => {
    const redactor = new Redactor(['secret-value-1']);
    const copy = redactor.redact({ token: 'secret-value-1', deep });
    const text = JSON.stringify(copy);
    expect(text).toMatch(/nested deeper than 256 levels, not shown/);
    expect(text).not.toContain('secret-value-1');
  });

  it('Redactor.redactBody masks a secret in 10,000-deep JSON text', () => {
    const body = `{"token":"secret-value-1","deep":${'{"a":'.repeat(DEPTH)}"secret-value-1"${'}'.repeat(DEPTH)}}`;
    const redacted = new Redactor().redactBody(body);
    expect(redacted).not.toContain('secret-value-1');
  });

  it('checkDocument reports a task whose parameters nest 10,000 deep as a violation', async () => {
    const validator = ContractValidator.for(await loadContractCached());
    const verdict = checkDocument(validator, 'task', { taskId: 'x', parameters: deep, unknown: deep });
    expect(verdict.schema.length).toBeGreaterThan(0);
  });

  it('analyzeDrift lists a 10,000-deep unknown field, its sample cut', async () => {
    const contract = await loadContractCached();
    const { analysis } = analyzeDrift(contract, ContractValidator.for(contract), [
      { kind: 'task', source: 'hostile', value: { ...generateTask('CleanGPJobs', { seed: 1 }), lastModifiedBy: deep } },
    ]);
    expect(analysis.unknownFields.map((f) => f.path)).toContain('/lastModifiedBy');
  });

  it('jsonDifferences reports where the values go deeper than it compares', () => {
    const [difference, ...more] = jsonDifferences(deep, deepOther);
    expect(more).toEqual([]);
    expect(difference!.pointer.split('/').length - 1).toBe(256);
    expect(String(difference!.expected)).toMatch(TOO_DEEP);
  });

  it('the pact matcher reports a mismatch where the values go deeper than it compares, with and without rules', () => {
    for (const matcher of [
      new ValueMatcher([]),
      new ValueMatcher([{ path: '$', matchers: [{ match: 'type' }], combine: 'AND' }]),
      new ValueMatcher([{ path: '$.a', matchers: [{ match: 'equality' }], combine: 'AND' }]),
    ]) {
      const mismatches = matcher.compare(deep, deepOther);
      expect(mismatches.length).toBeGreaterThan(0);
      expect(mismatches.some((m) => TOO_DEEP.test(m.message) || /must equal/.test(m.message))).toBe(true);
    }
  });

  it('the pact spec checker judges an interaction whose expected body nests 10,000 deep', async () => {
    const pact = normalizePact(
      {
        consumer: { name: 'c' },
        provider: { name: 'p' },
        metadata: { pactSpecification: { version: '2.0.0' } },
        interactions: [
          {
            description: 'deep',
            request: { method: 'GET', path: `/arcgis/admin/system/tasks/${'a'.repeat(32)}`, query: 'f=json' },
            response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: { parameters: deep } },
          },
        ],
      },
      'deep.json',
    );
    const contract = await loadContractCached();
    const [verdict] = new PactSpecChecker(contract, ContractValidator.for(contract)).check(pact);
    expect(verdict!.verdict).toBe('incompatible');
    expect(verdict!.reasons.some((r) => TOO_DEEP.test(r.message))).toBe(true);
  });

  it('deepMerge refuses overrides nested deeper than it merges', () => {
    const error = refusal(() => deepMerge(deep, deepOther));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problem).toBe('too-deep');
  });

  it("spec diff's canonical form refuses a schema value nested deeper than it walks", () => {
    const error = refusal(() => canonical({ const: deep }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(TOO_DEEP);
  });

  it('contractFromDocument refuses a spec built in code that nests 10,000 deep, in one line', async () => {
    const spec = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: { schemas: { Deep: deep } },
    };
    const error = await contractFromDocument(spec, 'built-in-code.yaml').then(
      () => new Error('expected a refusal'),
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(SpecLoadError);
    expect(error.message).toMatch(TOO_DEEP);
    expect(error.message).not.toContain('\n');
  });

  it('a spec whose $refs chain 200 schemas (shallow text, 400 levels once resolved) is refused in one line', async () => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) schemas[`S${i}`] = { allOf: [{ $ref: `#/components/schemas/S${i + 1}` }] };
    schemas['S200'] = { type: 'string' };
    const spec = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas } };
    const error = await contractFromDocument(spec, 'ref-chain.yaml').then(
      () => new Error('expected a refusal'),
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(SpecLoadError);
    expect(error.message).toMatch(/with its \$refs resolved it is nested deeper than 256 levels/);
  });

  it('the validator refuses a schema built in code that nests 10,000 deep, and form coercion stops', async () => {
    const validator = ContractValidator.for(await loadContractCached());
    const schema = nested(DEPTH, { type: 'string' }) as Record<string, unknown>;
    const error = refusal(() => validator.forSchema(schema));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(TOO_DEEP);
    let allOf: Record<string, unknown> = { properties: { deepest: { type: 'string' } } };
    for (let i = 0; i < DEPTH; i++)
      allOf = { allOf: [allOf], properties: { [`p${i}`]: { oneOf: [{ type: 'string' }] } } };
    const properties = propertySchemas(allOf);
    expect(properties.has(`p${DEPTH - 1}`)).toBe(true);
    expect(properties.has('deepest')).toBe(false); // below the bound
  });

  it('stringifyBounded writes JSON as JSON.stringify does, and a 10,000-deep value cut with a note', () => {
    expect(stringifyBounded({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(stringifyBounded(undefined)).toBeUndefined();
    const text = stringifyBounded(deep)!;
    expect(text.startsWith('{"a":{"a":')).toBe(true);
    expect(text).toMatch(TOO_DEEP);
    expect(text.length).toBeLessThan(300);
  });
});
