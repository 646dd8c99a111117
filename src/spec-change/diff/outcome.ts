import type { ChangeSeverity, Classification, FailOn, SpecChange } from './change.js';
import { failsAt } from './change.js';

/** A version of the contract as reports name it. */
export interface SpecInfo {
  /** As given: a path or `git:REF:path`. */
  readonly label: string;
  /** `info.version` of the document. */
  readonly version: string;
}

/** What `spec diff` found. */
export interface DiffOutcome {
  readonly kind: 'diff';
  readonly old: SpecInfo;
  readonly new: SpecInfo;
  /** Each change, and whether it fails the run at `failOn`. */
  readonly changes: readonly (SpecChange & { readonly fails: boolean })[];
  readonly counts: ChangeCounts;
  readonly failOn: FailOn;
  /** Where severities were configured, if anywhere. */
  readonly config: string | undefined;
  readonly failed: boolean;
}

/** Changes counted by classification and by severity. */
export interface ChangeCounts {
  readonly classification: Readonly<Record<Classification, number>>;
  readonly severity: Readonly<Record<ChangeSeverity, number>>;
}

/**
 * Counts changes by classification and severity.
 *
 * @example countChanges(changes).classification['breaking-for-clients'] // 1
 */
export function countChanges(changes: readonly SpecChange[]): ChangeCounts {
  const classification = { 'breaking-for-clients': 0, 'breaking-for-servers': 0, compatible: 0 };
  const severity = { error: 0, warning: 0, info: 0 };
  for (const change of changes) {
    classification[change.classification] += 1;
    severity[change.severity] += 1;
  }
  return { classification, severity };
}

/**
 * The outcome of a diff: fails when a change reaches the `--fail-on` level.
 *
 * @example diffOutcome({ old, new: current }, diffContracts(a, b), 'breaking', undefined).failed
 */
export function diffOutcome(
  specs: { old: SpecInfo; new: SpecInfo },
  changes: readonly SpecChange[],
  failOn: FailOn,
  config: string | undefined,
): DiffOutcome {
  return {
    kind: 'diff',
    ...specs,
    changes: changes.map((change) => ({ ...change, fails: failsAt(change, failOn) })),
    counts: countChanges(changes),
    failOn,
    config,
    failed: changes.some((change) => failsAt(change, failOn)),
  };
}
