import { checkRunInvariants, checkTaskInvariants } from '../domain/invariants/index.js';
import type { InvariantViolation } from '../domain/invariants/types.js';
import type { ContractValidator } from './contract-validator.js';
import type { Violation } from './violation.js';

/** The documents of this API that are judged: a task, a run, and the two lists. */
export type DocumentKind = 'task' | 'run' | 'task-list' | 'run-list';

/** The component schema each kind answers to. */
export const DOCUMENT_SCHEMA: Readonly<Record<DocumentKind, string>> = {
  task: 'Task',
  run: 'Run',
  'task-list': 'TaskList',
  'run-list': 'RunList',
};

export interface DocumentCheckOptions {
  /** For a run (or a run list): the task it belongs to, which run invariants compare it with. */
  readonly task?: unknown;
  /** Put the fields the contract does not know apart (`unknownFields`), as drift and verify's warnings do. */
  readonly splitUnknownFields?: boolean;
}

/** What a document breaks: the schema (closed world) and the invariants of src/domain, as data. */
export interface DocumentVerdict {
  /** Schema violations; without `splitUnknownFields` unknown fields are among them. */
  readonly schema: readonly Violation[];
  /** With `splitUnknownFields`: the fields the contract does not know; otherwise empty. */
  readonly unknownFields: readonly Violation[];
  /** Invariant violations; in a list, pointers start at the item (`/result/3/taskId`). */
  readonly invariants: readonly InvariantViolation[];
}

function items(value: unknown): unknown[] {
  const result = (value as { result?: unknown } | null)?.result;
  return Array.isArray(result) ? result : [];
}

function invariantsOf(kind: DocumentKind, value: unknown, task: unknown): InvariantViolation[] {
  const inItem = (list: InvariantViolation[], index: number) =>
    list.map((v) => ({ ...v, pointer: `/result/${index}${v.pointer}` }));
  switch (kind) {
    case 'task':
      return checkTaskInvariants(value);
    case 'run':
      return checkRunInvariants(value, task);
    case 'task-list':
      return items(value).flatMap((item, index) => inItem(checkTaskInvariants(item), index));
    case 'run-list':
      return items(value).flatMap((item, index) => inItem(checkRunInvariants(item, task), index));
  }
}

/**
 * The one judgement of a document: the contract's schema for its kind, then the invariants real
 * servers satisfy beyond the schema. Every tool that judges a document (fixture directories and
 * recordings, drift, mock scenarios) calls it, so they cannot disagree.
 *
 * @example checkDocument(validator, 'task', task).invariants.map((v) => v.invariant) // ['id-equals-task-id']
 */
export function checkDocument(
  validator: ContractValidator,
  kind: DocumentKind,
  value: unknown,
  options: DocumentCheckOptions = {},
): DocumentVerdict {
  const schemaName = DOCUMENT_SCHEMA[kind];
  const invariants = invariantsOf(kind, value, options.task);
  if (options.splitUnknownFields) {
    const split = validator.splitComponent(schemaName, value);
    return { schema: split.violations, unknownFields: split.unknownFields, invariants };
  }
  return { schema: validator.forComponent(schemaName).validate(value).violations, unknownFields: [], invariants };
}
