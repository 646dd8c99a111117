import type { Params } from '../params.js';
import { ScenarioError } from '../scenarios/scenario.js';
import type { TestDouble } from '../test-double.js';
import { answer, type ControlAnswer, refused } from './answer.js';

/**
 * `POST /__mock/scenario` with `name=<bundled scenario>` or `scenario=<the scenario's JSON>`: loads
 * it (a bad one is refused with the pointer and the rule, and the mock keeps its state). Files on the
 * server's disk are not read over HTTP: use `--scenario FILE` or `mock.loadScenario(FILE)` for those.
 */
export async function scenarioControl(double: TestDouble, params: Params): Promise<ControlAnswer> {
  const name = params.get('name');
  const json = params.get('scenario');
  if ((name === undefined) === (json === undefined))
    return refused('load the scenario', 'Send name=<a bundled scenario> or scenario=<the scenario as JSON>.');
  if (name !== undefined && !/^[A-Za-z0-9_-]+$/.test(name))
    return refused('load the scenario', `'${name}' is not the name of a bundled scenario.`);
  try {
    const built = await double.loadScenario(name ?? { json: json!, source: 'scenario' });
    return answer({
      status: 'success',
      scenario: built.name,
      tasks: built.set.tasks.length,
      clock: double.clock.read(),
    });
  } catch (error) {
    if (error instanceof ScenarioError) return refused('load the scenario', `${error.message}.`);
    throw error;
  }
}
