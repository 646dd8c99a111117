import type { Run, Task } from '../../shapes/contract-types.js';
import { failure, type MockFailure } from '../failure.js';
import type { FormValidators } from '../form-input.js';
import type { Params } from '../params.js';
import type { MockStore } from '../store.js';

function parseJsonField(params: Params, name: string, fallback?: unknown): unknown {
  const text = params.get(name);
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw new Error(`The form field '${name}' is required.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`The form field '${name}' is not JSON.`);
  }
}

/**
 * `POST /__mock/tasks` (form fields `task`, a Task as JSON, and `runs`, a JSON list of its Runs):
 * puts the task on the mock, replacing one with the same id and its runs. Used to set up provider
 * states (`tasks-contract pact verify`) and test scenarios. Documents must be valid against the
 * contract and hold the invariants, so every later answer of the mock still does.
 */
export async function putTaskFromForm(
  params: Params,
  store: MockStore,
  validators: FormValidators,
): Promise<MockFailure | undefined> {
  let task: unknown;
  let runs: unknown;
  try {
    task = parseJsonField(params, 'task');
    runs = parseJsonField(params, 'runs', []);
  } catch (error) {
    return failure(400, 'Unable to complete operation.', [(error as Error).message]);
  }
  if (!Array.isArray(runs))
    return failure(400, 'Unable to complete operation.', [`The form field 'runs' must be a JSON list.`]);
  // the invariants load with the first document put here: a mock that is never given one answers sooner without them
  const { checkRunInvariants, checkTaskInvariants } = await import('../../domain/invariants/index.js');
  const problems = [
    ...validators.task.validate(task).violations.map((v) => `task ${v.message}`),
    ...checkTaskInvariants(task).map((v) => `task ${v.message}`),
    ...runs.flatMap((run, i) => [
      ...validators.run.validate(run).violations.map((v) => `runs/${i} ${v.message}`),
      ...checkRunInvariants(run, task).map((v) => `runs/${i} ${v.message}`),
    ]),
  ];
  if (problems.length > 0) return failure(400, 'Unable to complete operation.', problems.slice(0, 10));
  const valid = task as Task;
  store.deleteTask(valid.taskId);
  store.putTask(valid);
  for (const run of runs as Run[]) store.putRun(valid.taskId, run);
  return undefined;
}
