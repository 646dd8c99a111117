import type { Classification, SpecChange } from '../spec-change/diff/change.js';
import type { GateRow, RowStatus } from '../spec-change/gate/outcome.js';

/** How each row status reads in a table. */
export const STATUS_LABEL: Readonly<Record<RowStatus, string>> = {
  compatible: 'compatible',
  regressed: 'REGRESSED',
  'still-incompatible': 'incompatible before and after',
  fixed: 'fixed',
  added: 'new, compatible',
  'added-incompatible': 'NEW, INCOMPATIBLE',
};

/** OLD/NEW cells of a row: `yes`, `no`, or `-` for an artifact that does not exist in OLD. */
export function verdictCells(row: GateRow): [string, string] {
  const cell = (compatible: boolean | undefined) => (compatible === undefined ? '-' : compatible ? 'yes' : 'no');
  return [cell(row.old?.compatible), cell(row.new.compatible)];
}

/**
 * The release column of a verdict table: each row's release (its own or the gate's; `all` when the
 * whole contract judged it), or no column when no row was judged as of a release.
 */
export function releaseColumn(rows: readonly GateRow[]): ((row: GateRow) => string) | undefined {
  return rows.some((row) => row.release !== undefined) ? (row) => row.release ?? 'all' : undefined;
}

/** Rows in the order a reader wants them: what fails the gate, then what changed, then the rest. */
export function rowsByConcern(rows: readonly GateRow[]): GateRow[] {
  const order: Record<RowStatus, number> = {
    regressed: 0,
    'added-incompatible': 1,
    fixed: 2,
    'still-incompatible': 3,
    added: 4,
    compatible: 5,
  };
  return [...rows].sort((a, b) => order[a.status] - order[b.status]);
}

/** `createTask, updateTask` (the first few, then how many more). */
export function operationList(change: SpecChange, max = 6): string {
  const shown = change.operations.slice(0, max).join(', ');
  return change.operations.length > max ? `${shown} and ${change.operations.length - max} more` : shown;
}

/** Words for a classification. */
export const CLASSIFICATION_LABEL: Readonly<Record<Classification, string>> = {
  'breaking-for-clients': 'breaking for clients',
  'breaking-for-servers': 'breaking for servers',
  compatible: 'compatible',
};
