import type { Run, Task, TaskType } from '../../shapes/contract-types.js';
import type { SteeredOutcome } from '../schedules/outcomes.js';

/**
 * A named starting state of the mock (`mocks/scenarios/*.json`, described by
 * `mocks/scenarios/scenario.schema.json`). Built in this order: `base`, then the inline `tasks` and
 * `runs`, `pause`, `outcomes`, and last `advance` (the schedules run).
 */
export interface Scenario {
  readonly description?: string;
  /** The release it is of (`10.9` ... `11.4`); absent: the mock's own. */
  readonly release?: string;
  /** Where the clock starts, frozen (ISO-8601 instant); absent: the mock's own clock. */
  readonly clock?: string;
  /** Seeds the runs produced while it is built. Default 1. */
  readonly seed?: number | string;
  readonly base?:
    | 'default'
    | 'empty'
    | {
        readonly generate: {
          readonly tasks: number;
          readonly seed?: number | string;
          readonly refDate?: string;
          readonly runsPerTask?: number;
        };
      };
  /** Full Task documents. */
  readonly tasks?: readonly Task[];
  /** Full Run documents per taskId. */
  readonly runs?: Readonly<Record<string, readonly Run[]>>;
  readonly pause?: 'all' | readonly string[];
  readonly outcomes?: readonly ScenarioOutcome[];
  /** ISO-8601 duration the clock moves once loaded. */
  readonly advance?: string;
  readonly tokens?: { readonly maxLifetimeSeconds?: number };
}

type ScenarioOutcome = ({ readonly taskId: string } | { readonly taskType: TaskType }) & {
  readonly outcome: SteeredOutcome;
  readonly times?: number;
  readonly message?: string;
};

/**
 * A scenario the mock refused: names the file (or `name`), the JSON pointer and the rule in one
 * line, e.g. `my.json: /tasks/0/cronExpression: must match pattern ...`.
 */
export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly pointer: string,
    readonly rule: string,
  ) {
    super(`${source}: ${pointer === '' ? '/' : pointer}: ${rule}`);
    this.name = 'ScenarioError';
  }
}
