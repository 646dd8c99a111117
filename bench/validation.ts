import { loadContract } from '../src/contract/load.js';
import { createAjv } from '../src/validation/ajv-instance.js';
import { ContractValidator } from '../src/validation/contract-validator.js';
import { printRows } from './report.js';
import { throughputRow } from './timing.js';

/** Our discriminator-dispatching Task validator vs a plain Ajv `oneOf` of the same variants. */
export async function runValidationBench(): Promise<void> {
  const contract = await loadContract();
  const examples = contract.operationsById
    .get('getTask')!
    .responses.get('200')!
    .content.get('application/json')!.examples;
  const tasks = ['CleanGPJobs', 'CreateBackup', 'BackupRetentionCleaner', 'CreateHealthCheckReports'].map((n) =>
    examples.get(n),
  );
  const taskSchema = contract.schemas.get('Task') as object;

  const ours = new ContractValidator(contract).forComponent('Task');
  // the peer: the same dereferenced schema compiled as is, so `discriminator` is an annotation and `oneOf` checks every variant
  const plain = createAjv({ detailed: false }).compile(taskSchema);
  for (const task of tasks) {
    if (!ours.isValid(task) || !plain(task)) throw new Error('bench corpus must be valid for both validators');
  }
  const invalid = { ...(tasks[1] as object), generation: '2' };

  const rows = [
    {
      name: 'validate a valid Task (4 variants, round robin)',
      fnOurs: (i: number) => ours.isValid(tasks[i & 3]),
      fnPeer: (i: number) => plain(tasks[i & 3]),
    },
    { name: 'reject an invalid CreateBackup Task', fnOurs: () => ours.isValid(invalid), fnPeer: () => plain(invalid) },
  ].map((row) => throughputRow(row, { unit: 'ops/s', peerName: 'plain Ajv oneOf', goal: '>= 2.5x' }));
  printRows('validation: dispatch on taskType vs plain Ajv oneOf (same Ajv options, same schemas)', rows);
}
