import type { CreatableTaskType } from '../../domain/releases.js';

/** The writes a case exercises. */
type WriteOperation = 'createTask' | 'updateTask' | 'updateRun';

/** What a read-back must show at a JSON pointer. */
export type ReadBackExpectation =
  | { readonly equals: unknown }
  /** A passcode stored encrypted (`{crypt}...`), never the plaintext sent. */
  | { readonly storedPasscode: true }
  /** A date in either style (epoch ms or formatted text) that is this instant. */
  | { readonly epochMs: number }
  /** A number greater than this one (`generation` after a write). */
  | { readonly above: number };

/**
 * One write case: a form that breaks exactly one rule (`refuse`) or keeps every rule (`accept`).
 * The form's other fields are valid, so a refusal can only be about `rule`.
 */
export interface WriteCase {
  /** `createTask missing hour`: stable across seeds, how reports name the case. */
  readonly id: string;
  readonly operation: WriteOperation;
  readonly expect: 'refuse' | 'accept';
  /** The rule the case breaks (refuse) or the kind of valid input it is (accept). */
  readonly rule: string;
  readonly form: Record<string, string>;
  /** The task type a create is for. */
  readonly taskType?: CreatableTaskType;
  /** Form fields (and `parameters` keys as `parameters.name`) the rule involves: shrinking keeps them. */
  readonly keep?: readonly string[];
  /** For accepted creates: what reading the task back must show. */
  readonly readBack?: Readonly<Record<string, ReadBackExpectation>>;
  /** The plaintext passcode of the form, if any (a secret, unless the case is about a broken one). */
  readonly passcode?: string;
}

/** What a report says of a case: enough to find it again with `--seed`. */
export interface WriteCaseNote {
  readonly id: string;
  readonly rule: string;
  readonly expect: 'refuse' | 'accept';
  readonly seed: number;
  /** Fields shrinking took away (the smallest form that still shows the finding). */
  readonly shrunk?: readonly string[];
  readonly readBack?: Readonly<Record<string, ReadBackExpectation>>;
  /** For the list check after the refusals: the task ids there were before. */
  readonly baseline?: readonly string[];
  /** For the task check after refused edits: the task as it was. */
  readonly before?: unknown;
}
