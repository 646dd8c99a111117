import type { Params } from '../params.js';
import type { ControlName } from '../router.js';
import type { TestDouble } from '../test-double.js';
import type { ControlAnswer } from './answer.js';
import { clockControl } from './clock.js';
import { outcomesControl } from './outcomes.js';
import { scenarioControl } from './scenario.js';

export type { ControlAnswer } from './answer.js';

/** The test-double endpoints (clock, outcomes, scenario); undefined for the other control endpoints. */
export function testDoubleControl(
  name: ControlName,
  method: string,
  params: Params,
  double: TestDouble,
): ControlAnswer | Promise<ControlAnswer> | undefined {
  if (name === 'clock') return clockControl(double, method, params);
  if (name === 'outcomes') return outcomesControl(double, method, params);
  if (name === 'scenario') return scenarioControl(double, params);
  return undefined;
}
