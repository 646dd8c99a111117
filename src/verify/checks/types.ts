import type { OperationModel } from '../../contract/model.js';
import type { ResourceKind } from '../../contract/roles.js';
import type { RoundTrip } from '../../http/exchange.js';
import type { ContractValidator } from '../../validation/contract-validator.js';
import type { FindingDraft } from '../finding.js';
import type { WriteCaseNote } from '../writes/write-case.js';

/**
 * Why a request was sent, which decides the checks that judge it:
 * `read` a resource read (the run's token, f=json or pjson), `html` the same with f=html,
 * `no-token` / `bad-token` the auth negatives, `write` an `--allow-writes` operation,
 * `read-back` a read after a write, `gone` a read of a task just deleted, `error-path` a read that
 * must fail (an unknown or malformed id, an unknown `f`).
 */
export type Purpose =
  | 'read'
  | 'html'
  | 'no-token'
  | 'bad-token'
  | 'write'
  | 'read-back'
  | 'gone'
  | 'error-path'
  // write cases (`writes/`): a form to refuse, one to accept, its read-back, a read that must be unchanged
  | 'refuse'
  | 'accept'
  | 'accept-read'
  | 'unchanged';

/** What an `error-path` probe asks for that cannot exist. */
export type ErrorProbe = 'unknown-task-id' | 'unknown-run-id' | 'malformed-id' | 'unknown-format';

/** One exchange, with what the engine knows about it. */
export interface ExchangeContext {
  readonly exchange: RoundTrip;
  readonly operation: OperationModel;
  readonly kind: ResourceKind | 'write';
  readonly purpose: Purpose;
  /** `json`, `pjson` or `html`. */
  readonly format: string;
  readonly validator: ContractValidator;
  /** For runs: the task as read on its own, which embedded tasks must equal. */
  readonly expectedTask?: unknown;
  /** For read-backs: values the body must hold after the write, by JSON pointer. */
  readonly expect?: Readonly<Record<string, unknown>>;
  /** Plaintext secrets the run itself sent (a probe's passcode): none may come back. */
  readonly sentSecrets: readonly string[];
  /** Tells the run about a secret found in an answer, so that every report masks it. */
  readonly onSecret: (secret: string) => void;
  /** How a field the contract does not know counts: a warning (default) or, with `--strict`, an error. */
  readonly unknownFields?: 'warning' | 'error';
  /** For `error-path` requests: what the probe asked for. */
  readonly probe?: ErrorProbe;
  /** For write cases: which case, and what it expects. */
  readonly writeCase?: WriteCaseNote;
}

/** A check of one exchange (a response, or a fault). */
export interface ExchangeCheck {
  readonly name: string;
  readonly description: string;
  readonly scope: 'exchange';
  /** Whether the check judges this exchange; it is then counted as passed or failed. */
  appliesTo(context: ExchangeContext): boolean;
  run(context: ExchangeContext): FindingDraft[];
}

/** A check of two answers for the same resource (json vs pjson, GET vs POST); findings go to `second`. */
export interface PairCheck {
  readonly name: string;
  readonly description: string;
  readonly scope: 'pair';
  readonly pairs: 'json-pjson' | 'get-post';
  run(first: ExchangeContext, second: ExchangeContext): FindingDraft[];
}

/** One item of a list, kept (parsed) until the item is read on its own and compared with it. */
export interface ListedItem {
  /** Its place in the list's `result`. */
  readonly index: number;
  /** The item as the list gave it. */
  readonly item: unknown;
}

/**
 * A check across a list and its items' individual reads. The list is judged on its own once
 * (`runList`, findings placed on the list); each item read is judged against its listed item as
 * soon as it arrives (`runItem`, findings placed on the read), so no read waits for the others.
 */
export interface CollectionCheck {
  readonly name: string;
  readonly description: string;
  readonly scope: 'collection';
  /** The list on its own, e.g. an id listed twice; `idField` is `taskId` or `runId`. */
  runList(list: ExchangeContext, idField: string): FindingDraft[];
  /** One item read on its own against the list's item; `undefined` when there is nothing to judge. */
  runItem(listed: ListedItem, read: ExchangeContext): FindingDraft[] | undefined;
}

export type Check = ExchangeCheck | PairCheck | CollectionCheck;

/** True for an answer that is JSON and arrived without a fault. */
export function hasJson(context: ExchangeContext): boolean {
  return (
    context.exchange.response !== undefined &&
    context.exchange.fault === undefined &&
    context.exchange.json !== undefined
  );
}
