import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { loadContractCached } from '../../src/contract/index.js';
import { ContractValidator, checkDocument } from '../../src/validation/index.js';

const validator = ContractValidator.for(await loadContractCached());
const fixtures = JSON.parse(await readFile('mocks/fixtures/default.json', 'utf8')) as {
  tasks: Record<string, unknown>[];
  runs: Record<string, Record<string, unknown>[]>;
};
const task = fixtures.tasks.find((t) => (fixtures.runs[String(t['taskId'])] ?? []).length > 0)!;
const runs = fixtures.runs[String(task['taskId'])]!;

describe('checkDocument (schema plus invariants)', () => {
  it('finds nothing in the committed fixtures', () => {
    expect(checkDocument(validator, 'task', task)).toEqual({ schema: [], unknownFields: [], invariants: [] });
    expect(checkDocument(validator, 'run-list', { result: runs }, { task })).toEqual({
      schema: [],
      unknownFields: [],
      invariants: [],
    });
    expect(checkDocument(validator, 'task-list', { result: fixtures.tasks }).invariants).toEqual([]);
  });

  it('reports an invariant a schema cannot see, with the pointer of the list item', () => {
    const other = { ...task, id: 'f'.repeat(32) };
    expect(checkDocument(validator, 'task', other).invariants.map((v) => [v.invariant, v.pointer])).toEqual([
      ['id-equals-task-id', '/taskId'],
    ]);
    const list = checkDocument(validator, 'task-list', { result: [task, other] });
    expect(list.schema).toEqual([]);
    expect(list.invariants.map((v) => v.pointer)).toEqual(['/result/1/taskId']);
  });

  it('judges a run against its task', () => {
    const elsewhere = { ...task, taskId: 'e'.repeat(32), id: 'e'.repeat(32) };
    expect(checkDocument(validator, 'run', runs[0], { task: elsewhere }).invariants.length).toBeGreaterThan(0);
  });

  it('reports schema violations, unknown fields apart when asked', () => {
    const extended = { ...task, newField: 1, taskState: 'sleeping' };
    const closed = checkDocument(validator, 'task', extended);
    expect(closed.unknownFields).toEqual([]);
    expect(closed.schema.length).toBeGreaterThan(0);
    const split = checkDocument(validator, 'task', extended, { splitUnknownFields: true });
    expect(split.unknownFields.map((v) => v.pointer)).toEqual(['/newField']);
    expect(split.schema.map((v) => v.pointer)).toContain('/taskState');
  });
});
