import { describe, expect, it } from '@jest/globals';
import { loadContract } from '../../src/contract/index.js';
import { ContractValidator } from '../../src/validation/index.js';

const contract = await loadContract();
const validator = new ContractValidator(contract);

const cases = contract.operations.flatMap((operation) =>
  [...operation.responses.values()].flatMap((response) =>
    [...response.content.values()].flatMap((media) =>
      [...media.examples].map(([name, value]) => ({
        label: `${operation.operationId} ${response.status} ${media.mediaType} example "${name}"`,
        operation,
        status: response.status,
        mediaType: media.mediaType,
        value,
      })),
    ),
  ),
);

describe('every example in spec/openapi.yaml', () => {
  it('has examples to check on every operation', () => {
    expect(cases.length).toBeGreaterThan(40);
    const withExamples = new Set(cases.map((c) => c.operation.operationId));
    expect([...withExamples].sort()).toEqual(contract.operations.map((o) => o.operationId).sort());
  });

  it.each(cases)('$label validates', ({ operation, status, mediaType, value }) => {
    const result = validator.validateResponse(operation, status, mediaType, value);
    expect(result.violations).toEqual([]);
  });
});
