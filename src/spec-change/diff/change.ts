/** Who a change can break: a client written against OLD, a server that implements OLD, or nobody. */
export type Classification = 'breaking-for-clients' | 'breaking-for-servers' | 'compatible';

/** How sure and how bad: `error` breaks, `warning` may break (or breaks servers), `info` is for the changelog. */
export type ChangeSeverity = 'error' | 'warning' | 'info';

/** A severity, or `off` to drop the rule (config overrides only). */
export type SeverityOverride = ChangeSeverity | 'off';

/** Which side of an exchange a schema describes. */
export type Direction = 'request' | 'response';

/** The families of rules, one file each in `rules/`. */
export type RuleFamily =
  | 'operations'
  | 'parameters'
  | 'request-bodies'
  | 'responses'
  | 'types'
  | 'enums'
  | 'properties'
  | 'additional-properties'
  | 'discriminators'
  | 'constraints'
  | 'security';

/** One rule of the diff: what it detects, whom it protects, how severe it is unless configured otherwise. */
export interface RuleDefinition {
  readonly id: string;
  readonly family: RuleFamily;
  readonly classification: Classification;
  readonly severity: ChangeSeverity;
  /** One line: the change this rule detects. */
  readonly summary: string;
  /** The oasdiff rule id that measures the same change, where we are confident of it. */
  readonly oasdiff?: string;
}

/** One classified change between two versions of the contract. */
export interface SpecChange {
  readonly rule: string;
  readonly family: RuleFamily;
  readonly classification: Classification;
  readonly severity: ChangeSeverity;
  /** One line, without the location: `value "day" is no longer allowed`. */
  readonly message: string;
  /** Where the change is in the spec: a schema (`RetentionType`, `TaskBase.taskState`), an operation, a scheme. */
  readonly location: string;
  readonly direction?: Direction;
  /** The operations the change reaches (operationIds, in the order met). */
  readonly operations: readonly string[];
  /** One place a document shows it, e.g. `getTask 200 application/json /parameters/metaData/retention/type`. */
  readonly example?: string;
  readonly oasdiff?: string;
}

/** `--fail-on`: `breaking` fails on errors, `warning` on errors and warnings. */
export type FailOn = 'breaking' | 'warning';

/**
 * Whether a change fails a run at this `--fail-on` level.
 *
 * @example failsAt({ severity: 'warning' }, 'breaking') // false
 */
export function failsAt(change: Pick<SpecChange, 'severity'>, failOn: FailOn): boolean {
  return change.severity === 'error' || (failOn === 'warning' && change.severity === 'warning');
}
