import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContractCached } from '../contract/load.js';
import { packageRoot } from '../contract/package-root.js';
import { contractForRelease } from '../contract/release-spec.js';
import { resolveRelease } from '../domain/releases.js';
import type { DocumentProblem, FixtureSet } from '../fixtures/index.js';
import type { MockOptions } from './options.js';

/** The committed default set, mocks/fixtures/default.json (written by `npm run fixtures:default`). */
const DEFAULT_SET = join('mocks', 'fixtures', 'default.json');

/**
 * A fixture directory (a recording) that breaks the contract, which the mock refuses to serve unless
 * told to (`allowInvalidFixtures`): serving it would make a client, or verify, see a server the contract does not
 * describe. `problems` has one entry per broken rule.
 */
export class InvalidFixturesError extends Error {
  override readonly name = 'InvalidFixturesError';
  constructor(
    readonly dir: string,
    readonly problems: readonly DocumentProblem[],
  ) {
    const first = problems[0]!;
    super(
      `${dir} breaks the contract in ${problems.length} place(s), first ${first.file} ${first.pointer || '(root)'} (${first.rule}); ` +
        'fix the recording, or serve it anyway with --allow-invalid-fixtures (tasks-contract drift DIR lists them all)',
    );
  }
}

/** What the mock serves from a fixture directory, and what in it breaks the contract (served only with `allowInvalidFixtures`). */
export interface LoadedFixtures {
  readonly set: FixtureSet;
  readonly problems: readonly DocumentProblem[];
}

/**
 * Reads a fixture directory (`tasks-contract record` or `fixtures --out`) and checks it against the
 * contract; throws `InvalidFixturesError` when it breaks it, unless `allowInvalidFixtures`.
 */
export async function loadFixtureDirectory(
  dir: string,
  options: { specPath?: string; allowInvalidFixtures?: boolean } = {},
): Promise<LoadedFixtures> {
  // the validators and the directory reader are loaded only for a directory: the default start stays fast
  const [{ readFixtureDirectory, checkFixtureDocuments }, { ContractValidator }, contract] = await Promise.all([
    import('../fixtures/index.js'),
    import('../validation/contract-validator.js'),
    loadContractCached(options.specPath),
  ]);
  const { set, documents } = await readFixtureDirectory(dir);
  // a set that names its release (a recording's site, `fixtures --release`) is judged as of it
  const release = set.meta.siteVersion === undefined ? undefined : resolveRelease(set.meta.siteVersion).profile;
  const judge = release ? await contractForRelease(contract, release) : contract;
  const problems = checkFixtureDocuments(ContractValidator.for(judge), documents);
  if (problems.length > 0 && !options.allowInvalidFixtures) throw new InvalidFixturesError(dir, problems);
  return { set, problems };
}

/**
 * The data the mock starts from (and returns to on reset): explicit fixtures, a fixture directory,
 * a set generated from `tasks` and `seed`, or the committed default set.
 *
 * The default set is read as JSON here, and the generators are imported only when asked for: they
 * bring faker, which would double the mock's start-up time and memory for data it does not use.
 */
export async function seedFixtures(options: MockOptions): Promise<FixtureSet> {
  if (options.fixtures) return options.fixtures;
  if (options.fixturesDir !== undefined) {
    return (
      await loadFixtureDirectory(options.fixturesDir, {
        ...(options.specPath ? { specPath: options.specPath } : {}),
        allowInvalidFixtures: options.allowInvalidFixtures ?? options.allowDrift ?? false,
      })
    ).set;
  }
  if (options.tasks !== undefined || options.seed !== undefined) {
    const { generateFixtureSet } = await import('../fixtures/index.js');
    return generateFixtureSet({
      seed: options.seed ?? 1,
      ...(options.tasks === undefined ? {} : { totalTasks: options.tasks }),
    });
  }
  return readDefaultFixtureSet();
}

/** The committed default set, read as JSON (no generator loaded). */
export function readDefaultFixtureSet(): FixtureSet {
  return JSON.parse(readFileSync(join(packageRoot(), DEFAULT_SET), 'utf8')) as FixtureSet;
}
