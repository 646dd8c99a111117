import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { type ContractModel, loadContract } from '../../src/contract/index.js';
import { contractForRelease } from '../../src/contract/release-spec.js';
import { RELEASES, resolveRelease } from '../../src/domain/releases.js';
import { generateFixtureSet } from '../../src/fixtures/index.js';
import { ContractValidator } from '../../src/validation/index.js';
import { loadPrebuiltValidators, responseKey } from '../../src/validation/prebuilt.js';

// The build writes the answers' fast validators of the bundled spec, per release, as code
// (dist/validators/answers.js, by src/validation/prebuild.ts); verify loads them instead of compiling.
const contract = await loadContract();
const fixtures = generateFixtureSet({ tasksPerType: 1, runsPerTask: 2 });
const tasks = fixtures.tasks as unknown as Record<string, unknown>[];
const runs = Object.values(fixtures.runs ?? {}).flat() as unknown as Record<string, unknown>[];

/** Each document, and copies broken one way each. */
function withBroken(doc: Record<string, unknown>, id: string): unknown[] {
  const { [id]: _dropped, ...missing } = doc;
  return [doc, missing, { ...doc, [id]: 42 }, { ...doc, unknownField: true }, [doc]];
}

/** The documents of each read's answer (operationId of the GET), valid and broken; the list holds the release's tasks. */
const corpusFor = (releaseTasks: unknown[]): Record<string, unknown[]> => ({
  listTasks: [{ result: releaseTasks }, { result: [...releaseTasks, { taskId: 'x' }] }, { result: 'none' }],
  getTask: tasks.flatMap((task) => withBroken(task, 'taskId')),
  listRuns: [{ result: runs.slice(0, 2) }, { result: [{ ...runs[0], runId: 7 }] }, {}],
  getRun: runs.flatMap((run) => withBroken(run, 'runId')),
  errorEnvelope: [{ error: { code: 498, message: 'Invalid token.', details: [] } }, { error: 'no' }],
});

const answerKeys = (cut: ContractModel) =>
  cut.operations.flatMap((operation) =>
    [...operation.responses.values()].flatMap((response) =>
      [...response.content]
        .filter(([, media]) => media.schema !== undefined)
        .map(([media]) => ({ operation, response, media })),
    ),
  );

describe('prebuilt validators', () => {
  it.each(RELEASES)(
    'as of %s: one for every answer, accepting and refusing what the compiled one does',
    async (release) => {
      const cut = await contractForRelease(contract, resolveRelease(release).profile);
      const prebuilt = await loadPrebuiltValidators(cut);
      expect(prebuilt).toBeDefined();
      const compiled = new ContractValidator(cut);
      const getTask = cut.operationsById.get('getTask')!;
      const accepted = (task: unknown) => compiled.validateResponse(getTask, 200, 'application/json', task).valid;
      const corpus = corpusFor(tasks.filter(accepted));
      const keys = answerKeys(cut);
      expect(
        new Set(
          keys.map(({ operation, response, media }) => responseKey(operation.operationId, response.status, media)),
        ),
      ).toEqual(new Set(prebuilt!.keys()));
      const verdicts = new Set<string>();
      for (const { operation, response, media } of keys) {
        const documents = corpus[operation.operationId.replace(/Post$/, '')] ?? corpus['errorEnvelope']!;
        const fast = prebuilt!.get(responseKey(operation.operationId, response.status, media))!;
        for (const document of documents) {
          const expected = compiled.validateResponse(operation, response.status, media, document).valid;
          expect([operation.operationId, response.status, document, fast(document)]).toEqual([
            operation.operationId,
            response.status,
            document,
            expected,
          ]);
          verdicts.add(`${operation.operationId} ${expected}`);
        }
      }
      // the corpus tells valid from invalid for each read: both verdicts are seen
      for (const read of ['listTasks', 'getTask', 'listRuns', 'getRun'])
        expect([read, verdicts.has(`${read} true`), verdicts.has(`${read} false`)]).toEqual([read, true, true]);
    },
  );

  it('explain a failure as the compiled validators do once loaded into a contract validator', async () => {
    const cut = await contractForRelease(contract, resolveRelease('11.3').profile);
    const loaded = new ContractValidator(cut);
    await loaded.loadPrebuilt();
    const getTask = cut.operationsById.get('getTask')!;
    const broken = { ...tasks[0], taskId: 42, unknownField: true };
    const split = loaded.splitResponse(getTask, 200, 'application/json', broken);
    expect(split).toEqual(new ContractValidator(cut).splitResponse(getTask, 200, 'application/json', broken));
    expect(split.violations.map((violation) => violation.pointer)).toContain('/taskId');
    expect(split.unknownFields.map((violation) => violation.pointer)).toEqual(['/unknownField']);
  });

  it('are not used for the same text at another path, nor for another digest, nor from a damaged file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'prebuilt-'));
    try {
      const copy = join(folder, 'openapi.yaml');
      await copyFile(contract.sourcePath, copy);
      const cut = await contractForRelease(contract, resolveRelease('11.3').profile);
      const elsewhere = await contractForRelease(await loadContract(copy), resolveRelease('11.3').profile);
      expect(elsewhere.digest).toBe(cut.digest);
      expect(await loadPrebuiltValidators(elsewhere)).toBeUndefined();
      expect(await loadPrebuiltValidators({ ...cut, digest: `${cut.digest}, edited` })).toBeUndefined();
      const module = (digest: string) =>
        `export const validators = { ${JSON.stringify(digest)}: { a: () => true } };\n`;
      const [damaged, written] = [join(folder, 'damaged.js'), join(folder, 'written.js')];
      await writeFile(damaged, `${module(cut.digest)}export const = ;\n`);
      await writeFile(written, module(cut.digest));
      expect(await loadPrebuiltValidators(cut, damaged)).toBeUndefined();
      // the same module, whole, is used: the refusal above is the syntax's
      expect([...((await loadPrebuiltValidators(cut, written)) ?? new Map()).keys()]).toEqual(['a']);
      expect(await loadPrebuiltValidators({ ...cut, digest: 'toString' }, written)).toBeUndefined();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
