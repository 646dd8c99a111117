import { generateFixtureSet, type FixtureSet } from '../fixtures/index.js';
import type { MockOptions } from './options.js';

/**
 * The data the mock starts from (and returns to on reset): explicit fixtures, a set generated from
 * `tasks` and `seed`, or the committed default set.
 */
export function seedFixtures(options: MockOptions): FixtureSet {
  if (options.fixtures) return options.fixtures;
  if (options.tasks !== undefined || options.seed !== undefined) return generateFixtureSet({ seed: options.seed ?? 1, ...(options.tasks === undefined ? {} : { totalTasks: options.tasks }) });
  return generateFixtureSet(); // TEMPORARY: loadDefaultFixtureSet() once mocks/fixtures/default.json is committed
}
