import type { FailOn, SpecChange } from '../diff/change.js';
import type { ChangeCounts, SpecInfo } from '../diff/outcome.js';
import type { ArtifactKind } from './artifact.js';
import type { Judgement } from './judge.js';

/**
 * A row of the verdict table, from its judgements under OLD and NEW:
 * - `compatible`: holds under both; `regressed`: held under OLD, not under NEW (fails the gate);
 * - `still-incompatible`: held under neither (shown, does not fail: the change did not cause it);
 * - `fixed`: held under NEW only;
 * - `added` / `added-incompatible`: exists in NEW only (an example NEW adds); the latter fails the
 *   gate, since NEW contradicts its own example.
 */
export type RowStatus = 'compatible' | 'regressed' | 'still-incompatible' | 'fixed' | 'added' | 'added-incompatible';

/** One consumer or artifact x (OLD, NEW). */
export interface GateRow {
  readonly kind: ArtifactKind;
  readonly name: string;
  readonly file?: string;
  /** The release OLD and NEW were cut to for this row (its own, else the gate's); absent: the whole contract. */
  readonly release?: string;
  /** Undefined for an artifact that exists in NEW only. */
  readonly old: Judgement | undefined;
  readonly new: Judgement;
  readonly status: RowStatus;
  /** Whether this row fails the gate (see `FAILING`). */
  readonly fails: boolean;
  /** The first reason of the verdict that matters: NEW's when it fails, else OLD's. */
  readonly reason: string | undefined;
}

/** The statuses that fail the gate. */
export const FAILING: ReadonlySet<RowStatus> = new Set(['regressed', 'added-incompatible']);

/** What `spec gate` found. */
export interface GateOutcome {
  readonly kind: 'gate';
  readonly old: SpecInfo;
  readonly new: SpecInfo;
  readonly changes: readonly SpecChange[];
  readonly rows: readonly GateRow[];
  readonly counts: {
    readonly changes: ChangeCounts;
    /** Rows by status, for all rows and per kind. */
    readonly rows: Readonly<Record<RowStatus, number>>;
    readonly kinds: Readonly<Record<string, Readonly<Record<RowStatus, number>>>>;
    /** Rows that fail the gate. */
    readonly failing: number;
  };
  /** What was not there to check ("no scenarios folder mocks/scenarios: nothing to check"). */
  readonly notes: readonly string[];
  /** The release the gate was asked to judge as of (`--release`), as a profile's version. */
  readonly release?: string;
  /** When set, changes at this level fail the gate too. */
  readonly failOn: FailOn | undefined;
  readonly config: string | undefined;
  readonly failed: boolean;
  readonly millis: number;
}

/**
 * The status of a row from its two judgements.
 *
 * @example rowStatus({ compatible: true, reasons: [], checked: 1 }, { compatible: false, reasons: ['...'], checked: 1 }) // 'regressed'
 */
export function rowStatus(old: Judgement | undefined, current: Judgement): RowStatus {
  if (!old) return current.compatible ? 'added' : 'added-incompatible';
  if (old.compatible) return current.compatible ? 'compatible' : 'regressed';
  return current.compatible ? 'fixed' : 'still-incompatible';
}

/**
 * Rows counted by status.
 *
 * @example countRows(outcome.rows).regressed
 */
export function countRows(rows: readonly GateRow[]): Record<RowStatus, number> {
  const counts: Record<RowStatus, number> = {
    compatible: 0,
    regressed: 0,
    'still-incompatible': 0,
    fixed: 0,
    added: 0,
    'added-incompatible': 0,
  };
  for (const row of rows) counts[row.status] += 1;
  return counts;
}
