import { TASK_TYPES, type TaskType } from '../../shapes/contract-types.js';
import type { Params } from '../params.js';
import {
  checkOutcomeRule,
  checkOutcomeTarget,
  type OutcomeRule,
  type OutcomeTarget,
  STEERED_OUTCOMES,
  type SteeredOutcome,
} from '../schedules/outcomes.js';
import type { TestDouble } from '../test-double.js';
import { answer, type ControlAnswer, refused } from './answer.js';

const FIELDS = new Set(['taskId', 'taskType', 'outcome', 'times', 'message', 'f']);

/** The target of a form: exactly one of taskId (an existing task) and taskType. */
function targetOf(params: Params, double: TestDouble, required: boolean): OutcomeTarget | undefined {
  const taskId = params.get('taskId');
  const taskType = params.get('taskType');
  if (taskId !== undefined && taskType !== undefined) throw new RangeError('send taskId or taskType, not both');
  if (taskId !== undefined) {
    if (!double.store.task(taskId)) throw new RangeError(`task '${taskId}' does not exist`);
    return { taskId };
  }
  if (taskType !== undefined) {
    const target = { taskType: taskType as TaskType };
    checkOutcomeTarget(target);
    return target;
  }
  if (required) throw new RangeError(`send taskId (a task's id) or taskType (${TASK_TYPES.join(', ')})`);
  return undefined;
}

function ruleOf(params: Params): OutcomeRule {
  const outcome = params.get('outcome');
  if (outcome === undefined) throw new RangeError(`send outcome: one of ${STEERED_OUTCOMES.join(', ')}`);
  const timesText = params.get('times');
  const message = params.get('message');
  if (timesText !== undefined && !/^\d{1,7}$/.test(timesText))
    throw new RangeError(`times must be a whole number of firings (1 or more), got "${timesText}"`);
  const rule: OutcomeRule = {
    outcome: outcome as SteeredOutcome,
    ...(timesText === undefined ? {} : { times: Number(timesText) }),
    ...(message === undefined ? {} : { message }),
  };
  checkOutcomeRule(rule);
  return rule;
}

/**
 * `GET /__mock/outcomes` lists the rules; `POST` (form: `taskId` or `taskType`, `outcome`, optional
 * `times` and `message`) adds one; `DELETE` (optionally `taskId` or `taskType`) clears them.
 */
export function outcomesControl(double: TestDouble, method: string, params: Params): ControlAnswer {
  if (method === 'GET') return answer({ outcomes: double.outcomes.list() });
  const operation = method === 'DELETE' ? 'clear outcomes' : 'set the outcome';
  const unknown = [...params.keys()].find((name) => !FIELDS.has(name));
  if (unknown !== undefined) return refused(operation, `Unknown field '${unknown}'.`);
  try {
    if (method === 'DELETE') {
      double.outcomes.clear(targetOf(params, double, false));
    } else {
      const target = targetOf(params, double, true)!;
      double.outcomes.set(target, ruleOf(params));
    }
  } catch (error) {
    return refused(operation, `${(error as Error).message}.`);
  }
  return answer({ status: 'success', outcomes: double.outcomes.list() });
}
