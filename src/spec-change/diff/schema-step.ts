import type { Direction } from './change.js';
import type { Member, SchemaView } from './schema-view.js';

/** A place below the current schema: its segment in locations (`metaData`) and in data paths (`/metaData`). */
export interface Segment {
  readonly location: string;
  readonly pointer: string;
}

/**
 * One pair of schemas (OLD, NEW) met at one place, as the rule families see it. `emit` takes the rule
 * name without its side (`enum-value-removed` becomes `request-enum-value-removed` in a request);
 * `emitRule` takes a full rule id.
 */
export interface SchemaStep {
  readonly old: SchemaView;
  readonly new: SchemaView;
  readonly direction: Direction;
  emit(name: string, message: string): void;
  emitRule(ruleId: string, message: string): void;
  /**
   * Like `emit`/`emitRule`, located at the named schema that declared what changed (a field of TaskBase
   * met through each task variant is one change of TaskBase), when there is one.
   */
  emitIn(owner: object | undefined, ruleId: string, message: string): void;
  /** Compares a pair of subschemas below this one. */
  descend(oldMembers: readonly Member[], newMembers: readonly Member[], segment: Segment): void;
  /** The name of a schema in OLD or NEW (components.schemas), if it is one. */
  nameOf(side: 'old' | 'new', schema: unknown): string | undefined;
  /** A discriminator mapping target (`#/components/schemas/X`) resolved in OLD or NEW. */
  resolve(side: 'old' | 'new', ref: string): unknown;
}

/** Values in a view's enum, readable: `"day"`, `-1`. */
export function listValues(values: Iterable<string>): string {
  return [...values].join(', ');
}
