import type { FixtureSet } from '../fixtures/index.js';
import type { ContractModel } from '../spec/model.js';
import type { Run, Task } from '../spec/contract-types.js';
import type { MockOptions } from './options.js';

// TEMPORARY until the fixtures generators land: the spec's examples as the seed data.
function fromSpecExamples(contract: ContractModel): FixtureSet {
  const examples = contract.operationsById.get('getTask')!.responses.get('200')!.content.get('application/json')!.examples;
  const tasks = ['CleanGPJobs', 'CreateBackup', 'BackupRetentionCleaner', 'CreateHealthCheckReports'].map((n) => examples.get(n) as Task);
  const run = contract.operationsById.get('getRun')!.responses.get('200')!.content.get('application/json')!.examples.get('Run') as Run;
  return {
    meta: { seed: 1, refDate: '2025-06-01T00:00:00.000Z', tasksPerType: 1, runsPerTask: 1, generator: 'spec examples' },
    tasks,
    runs: { [run.task.taskId]: [run] },
  };
}

/** The data the mock starts from (and returns to on reset): explicit fixtures, a generated set, or the committed default. */
export function seedFixtures(options: MockOptions, contract: ContractModel): FixtureSet {
  return options.fixtures ?? fromSpecExamples(contract);
}
