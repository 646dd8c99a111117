import { describe, expect, it } from '@jest/globals';
import { loadContractCached } from '../../src/contract/load.js';
import { LateFormValidators } from '../../src/mock/late-validators.js';
import { ContractValidator } from '../../src/validation/contract-validator.js';

describe('the form validators, compiled on the first POST', () => {
  it('are not loaded until a form asks, then loaded once however many forms wait, then ready at once', async () => {
    const contract = await loadContractCached();
    let loads = 0;
    const forms = new LateFormValidators(async () => {
      loads++;
      return ContractValidator.for(contract);
    });
    expect(loads).toBe(0);
    expect(() => forms.view.contract).toThrow('read before they were compiled');
    const [first, second] = [forms.ready(), forms.ready()];
    expect(first).toBe(second);
    const compiled = await first;
    expect(loads).toBe(1);
    expect(forms.ready()).toBeUndefined();
    expect(forms.view.contract).toBe(compiled!.contract);
    expect(forms.view.healthCheckParameters.validate({}).valid).toBe(
      compiled!.healthCheckParameters.validate({}).valid,
    );
  });

  it('a failed load is the rejection every waiting form sees, and the next form tries again', async () => {
    const contract = await loadContractCached();
    let loads = 0;
    const forms = new LateFormValidators(async () => {
      loads++;
      if (loads === 1) throw new Error('no Ajv');
      return ContractValidator.for(contract);
    });
    const [first, second] = [forms.ready(), forms.ready()];
    expect(first).toBe(second);
    await expect(first).rejects.toThrow('no Ajv');
    expect(() => forms.view.task).toThrow('read before they were compiled');
    await expect(forms.ready()).resolves.toBeDefined();
    expect(loads).toBe(2);
    expect(forms.ready()).toBeUndefined();
  });
});
