import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCompare } from 'api-smart-diff';
import { parse } from 'yaml';
import { loadContract } from '../src/contract/load.js';
import type { ContractModel } from '../src/contract/model.js';
import { defaultSpecPath, packageRoot } from '../src/contract/package-root.js';
import { PactSpecChecker } from '../src/pact/check-spec.js';
import { diffContracts } from '../src/spec-change/diff/diff.js';
import type { LoadedSpec } from '../src/spec-change/diff/spec-source.js';
import { runGate } from '../src/spec-change/gate/gate.js';
import { fixtureSource } from '../src/spec-change/gate/sources/fixtures.js';
import { loadPacts } from '../src/spec-change/gate/sources/pacts.js';
import { ContractValidator } from '../src/validation/contract-validator.js';
import { type BenchRow, printRows } from './report.js';

/** The median of `runs` timings of `fn`, in milliseconds, after one warm-up run. */
async function medianMs(fn: () => Promise<unknown> | unknown, runs = 7): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** OLD as committed; NEW without the retention unit "day" (the change the gate's proof makes). */
function specTexts(): { old: string; new: string } {
  const base = parse(readFileSync(defaultSpecPath(), 'utf8'), { maxAliasCount: -1 });
  const next = structuredClone(base);
  next.components.schemas.RetentionType.enum = ['week', 'month'];
  return { old: JSON.stringify(base), new: JSON.stringify(next) };
}

function load(text: string, name: string): Promise<ContractModel> {
  return loadContract(`/bench/${name}.json`, { readText: async () => text, label: name });
}

/**
 * The work the gate replaces, done by hand: for each version, check every pact with check-spec
 * and validate every fixture task and run with a fresh validator.
 */
function checksByHand(
  contracts: readonly ContractModel[],
  pacts: Awaited<ReturnType<typeof loadPacts>>['pacts'],
  fixtures: { tasks: unknown[]; runs: Record<string, unknown[]> },
): string[] {
  const broken: string[] = [];
  for (const contract of contracts) {
    const validator = new ContractValidator(contract);
    const checker = new PactSpecChecker(contract, validator);
    for (const pact of pacts)
      if (checker.check(pact).some((v) => v.verdict !== 'compatible'))
        broken.push(`${contract.sourcePath} ${pact.consumer}`);
    const getTask = contract.operationsById.get('getTask')!;
    const getRun = contract.operationsById.get('getRun')!;
    for (const task of fixtures.tasks) {
      const id = (task as { taskId: string }).taskId;
      const bad =
        !validator.validateResponse(getTask, 200, 'application/json', task).valid ||
        (fixtures.runs[id] ?? []).some(
          (run) => !validator.validateResponse(getRun, 200, 'application/json', run).valid,
        );
      if (bad) broken.push(`${contract.sourcePath} ${id}`);
    }
  }
  return broken;
}

/**
 * spec diff vs api-smart-diff (the maintained JS OpenAPI differ) on the same two versions, and
 * spec gate vs the checks it bundles done one by one.
 */
export async function runSpecGateBench(): Promise<void> {
  const texts = specTexts();
  const [before, after] = await Promise.all([load(texts.old, 'old'), load(texts.new, 'new')]);

  // answers first: both differs must see the removed enum value; ours also on the request side
  const ours = diffContracts(before, after);
  const peer = apiCompare(JSON.parse(texts.old), JSON.parse(texts.new)).diffs;
  if (
    !ours.some((c) => c.rule === 'request-enum-value-removed') ||
    !peer.some((d) => d.path.join('.').endsWith('retention.properties.type.enum.0'))
  )
    throw new Error('both differs must report the removed enum value');
  process.stdout.write(
    `\nspec diff answers: ours ${ours.length} changes (${ours.map((c) => c.rule).join(', ')}); api-smart-diff ${peer.length} diffs (${peer.filter((d) => d.type === 'breaking').length} "breaking")\n`,
  );

  const root = packageRoot();
  const { pacts } = await loadPacts({ defaultDir: join(root, 'contracts', 'pacts'), extra: [] });
  const fixtures = JSON.parse(readFileSync(join(root, 'mocks', 'fixtures', 'default.json'), 'utf8'));
  const specs = (a: ContractModel, b: ContractModel): { old: LoadedSpec; new: LoadedSpec } => ({
    old: { label: 'old', contract: a },
    new: { label: 'new', contract: b },
  });
  const gate = () =>
    runGate({
      ...specs(before, after),
      pacts,
      sources: [fixtureSource(join(root, 'mocks', 'fixtures'))],
      examples: false,
    });
  const outcome = await gate();
  const byHand = checksByHand([before, after], pacts, fixtures);
  const regressed = outcome.rows.filter((r) => r.status === 'regressed').length;
  if (regressed !== byHand.filter((b) => b.startsWith('/bench/new')).length)
    throw new Error(`the gate and the checks by hand disagree: ${regressed} vs ${byHand.join('; ')}`);

  const rows: BenchRow[] = [
    {
      name: 'spec diff: load both versions and diff',
      ours: await medianMs(async () =>
        diffContracts(...(await Promise.all([load(texts.old, 'o'), load(texts.new, 'n')]))),
      ),
      peer: await medianMs(() => apiCompare(JSON.parse(texts.old), JSON.parse(texts.new))),
      unit: 'ms',
      higherIsBetter: false,
      peerName: 'api-smart-diff',
    },
    {
      name: 'spec gate: 2 pacts + 8 fixtures x 2 versions',
      ours: await medianMs(gate, 5),
      peer: await medianMs(() => checksByHand([before, after], pacts, fixtures), 5),
      unit: 'ms',
      higherIsBetter: false,
      peerName: 'checks by hand',
      goal: '>= 1x: no slower than the checks it bundles',
    },
  ];
  printRows('spec evolution: diff vs api-smart-diff; gate vs the same checks run one by one (medians)', rows);
}
