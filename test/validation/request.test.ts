import { describe, expect, it } from '@jest/globals';
import { loadContract } from '../../src/contract/index.js';
import { ContractValidator } from '../../src/validation/index.js';

const contract = await loadContract();
const validator = new ContractValidator(contract);
const op = (id: string) => contract.operationsById.get(id)!;
const form = 'application/x-www-form-urlencoded';
const backupParameters = JSON.stringify({
  name: 'nightly',
  passcode: 'correct horse',
  storeName: 'default',
  metaData: { recurring: true, startTime: '04:00', retention: { type: 'day', value: 14 } },
});
const schedule = { minute: '0', hour: '4', dayOfMonth: '?', month: '*', dayOfWeek: '7' };
const pointers = (result: { violations: readonly { pointer: string }[] }) => result.violations.map((v) => v.pointer);

describe('validateRequest', () => {
  it('accepts a well-formed createTask form, coercing numbers from text', () => {
    const result = validator.validateRequest(op('createTask'), {
      contentType: form,
      body: {
        f: 'json',
        token: 't',
        type: 'CreateBackup',
        parameters: backupParameters,
        startDate: '1634961600000',
        maxOccurrences: '-1',
        ...schedule,
      },
    });
    expect(result.violations).toEqual([]);
  });

  it('names form fields that are missing, out of their enum, or not numbers', () => {
    const result = validator.validateRequest(op('createTask'), {
      contentType: form,
      body: {
        type: 'CleanGPJobs',
        parameters: backupParameters,
        startDate: 'tomorrow',
        minute: '0',
        dayOfMonth: '?',
        month: '*',
        dayOfWeek: '7',
      },
    });
    expect(pointers(result).sort()).toEqual(['/body/hour', '/body/startDate', '/body/type']);
  });

  it('checks `parameters` as JSON text against its content schema', () => {
    const pathParams = { taskId: '5f0cdc50cf36460990bb6edfe9b60e08' };
    const notJson = validator.validateRequest(op('updateTask'), {
      pathParams,
      contentType: form,
      body: { parameters: '{nope' },
    });
    expect(notJson.violations[0]).toMatchObject({ pointer: '/body/parameters', keyword: 'contentMediaType' });
    expect(
      pointers(
        validator.validateRequest(op('updateTask'), { pathParams, contentType: form, body: { parameters: '[1]' } }),
      ),
    ).toEqual(['/body/parameters']);
    const shortPasscode = JSON.parse(backupParameters) as Record<string, unknown>;
    shortPasscode['passcode'] = 'short';
    const weak = validator.validateRequest(op('createTask'), {
      contentType: form,
      body: { type: 'CreateBackup', parameters: JSON.stringify(shortPasscode), ...schedule },
    });
    expect(pointers(weak)).toEqual(['/body/parameters/passcode']);
  });

  it('checks path and query parameters', () => {
    const result = validator.validateRequest(op('getTask'), { pathParams: { taskId: 'NOT-HEX' }, query: { f: 'xml' } });
    expect(pointers(result).sort()).toEqual(['/path/taskId', '/query/f']);
    expect(
      validator.validateRequest(op('getTask'), {
        pathParams: { taskId: '2a1ba86743414f929c0c1f38b32f1c9c' },
        query: { f: 'pjson' },
      }).valid,
    ).toBe(true);
  });

  it('requires the body an operation requires, in a media type it declares', () => {
    expect(pointers(validator.validateRequest(op('generateToken'), {}))).toEqual(['/body']);
    const json = validator.validateRequest(op('generateToken'), {
      contentType: 'application/json',
      body: { username: 'a', password: 'b' },
    });
    expect(json.violations[0]).toMatchObject({ pointer: '/body', keyword: 'mediaType' });
    expect(
      validator.validateRequest(op('deleteTask'), { pathParams: { taskId: '2a1ba86743414f929c0c1f38b32f1c9c' } }).valid,
    ).toBe(true);
  });
});
