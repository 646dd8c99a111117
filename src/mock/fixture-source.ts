import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureSet } from '../fixtures/index.js';
import { packageRoot } from '../spec/package-root.js';
import type { MockOptions } from './options.js';

/** The committed default set, mocks/fixtures/default.json (written by `npm run fixtures:default`). */
const DEFAULT_SET = join('mocks', 'fixtures', 'default.json');

/**
 * The data the mock starts from (and returns to on reset): explicit fixtures, a set generated from
 * `tasks` and `seed`, or the committed default set.
 *
 * The default set is read as JSON here, and the generators are imported only when asked for: they
 * bring faker, which would double the mock's start-up time and memory for data it does not use.
 */
export async function seedFixtures(options: MockOptions): Promise<FixtureSet> {
  if (options.fixtures) return options.fixtures;
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
