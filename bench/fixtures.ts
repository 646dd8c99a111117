import { createGeneratorSync, generateSync, type JsonSchema } from 'json-schema-faker';
import { loadContract } from '../src/contract/load.js';
import { checkTaskInvariants } from '../src/domain/index.js';
import { generateTask, generateTasks } from '../src/fixtures/index.js';
import { ContractValidator } from '../src/validation/contract-validator.js';
import { printRows } from './report.js';
import { throughputRow } from './timing.js';

const SAMPLE = 1_000;
// json-schema-faker 0.6 options for a fair peer: no examples copied from the spec, every optional field faked
const JSF_OPTIONS = { useExamplesValue: false, alwaysFakeOptionals: true } as const;

/** CreateBackup fixtures per second, ours vs json-schema-faker on the same dereferenced schema, and how many are valid. */
export async function runFixturesBench(): Promise<void> {
  const contract = await loadContract();
  const schema = contract.schemas.get('CreateBackupTask') as JsonSchema;
  const task = new ContractValidator(contract).forComponent('Task');
  const share = (docs: unknown[]) => {
    const valid = docs.filter((d) => task.isValid(d));
    return {
      schema: (100 * valid.length) / docs.length,
      invariants: (100 * valid.filter((d) => checkTaskInvariants(d).length === 0).length) / docs.length,
    };
  };

  const jsf = createGeneratorSync({ seed: 1, ...JSF_OPTIONS });
  const ourDocs = generateTasks(SAMPLE, { seed: 1, types: ['CreateBackup'], dateStyle: 'mixed' });
  const jsfDocs = Array.from({ length: SAMPLE }, () => jsf.generate(schema));
  const ours = share(ourDocs);
  const peer = share(jsfDocs);
  if (ours.invariants !== 100) throw new Error(`our fixtures must all be valid, got ${ours.invariants}%`);

  const BATCH = 100;
  const rows = [
    {
      name: 'CreateBackup tasks, batches of 100 from one seed',
      fnOurs: (i: number) =>
        i % BATCH === 0 ? generateTasks(BATCH, { seed: i, types: ['CreateBackup'], dateStyle: 'mixed' }) : undefined,
      fnPeer: () => jsf.generate(schema),
    },
    {
      name: 'CreateBackup task, one seeded call each',
      fnOurs: (i: number) => generateTask('CreateBackup', { seed: i, dateStyle: 'mixed' }),
      fnPeer: (i: number) => generateSync(schema, { seed: i, ...JSF_OPTIONS }),
    },
  ].map((row) =>
    throughputRow(row, { unit: 'docs/s', peerName: 'json-schema-faker 0.6', goal: '>= 5x at 100% valid' }),
  );
  printRows('fixtures: CreateBackup tasks per second, ours vs json-schema-faker on the same dereferenced schema', rows);
  process.stdout.write(
    `valid of ${SAMPLE} (schema / schema + invariants): ours ${ours.schema.toFixed(1)}% / ${ours.invariants.toFixed(1)}%, ` +
      `json-schema-faker ${peer.schema.toFixed(1)}% / ${peer.invariants.toFixed(1)}%\n`,
  );
}
