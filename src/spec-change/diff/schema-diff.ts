import type { Direction } from './change.js';
import type { ChangeCollector, Site } from './collector.js';
import { diffAdditionalProperties } from './rules/additional-properties.js';
import { diffConstraints } from './rules/constraints.js';
import { diffDiscriminator } from './rules/discriminators.js';
import { diffEnums } from './rules/enums.js';
import { diffProperties } from './rules/properties.js';
import { diffTypes, diffVariants } from './rules/types.js';
import { SameSchema } from './same-schema.js';
import type { SchemaStep, Segment } from './schema-step.js';
import { type Member, viewOf } from './schema-view.js';

/** A side of the comparison: its component names and how to resolve a `#/components/...` reference. */
export interface SchemaSide {
  readonly names: WeakMap<object, string>;
  readonly resolve: (ref: string) => unknown;
}

/** The rule families that look at one pair of schemas, in the order their changes read best. */
const FAMILIES: readonly ((step: SchemaStep) => void)[] = [
  diffTypes,
  diffEnums,
  diffConstraints,
  diffAdditionalProperties,
  diffDiscriminator,
  diffVariants,
  diffProperties,
];

/** Dereferenced schemas are trees, but a spec could nest deeply; past this depth nothing is compared. */
const MAX_DEPTH = 64;

/**
 * Walks two schemas side by side (OLD, NEW) for one direction and sends every change to the collector.
 * A named schema (a component) starts a new location, so that a change to a shared component is one
 * change listing every operation it reaches, not one per operation.
 */
export class SchemaDiffer {
  private readonly same = new SameSchema();

  constructor(
    private readonly oldSide: SchemaSide,
    private readonly newSide: SchemaSide,
    private readonly collector: ChangeCollector,
  ) {}

  compare(oldMembers: readonly Member[], newMembers: readonly Member[], site: Site & { direction: Direction }): void {
    this.walk(
      oldMembers,
      newMembers,
      { ...site, location: this.locationOf(oldMembers, newMembers) ?? site.location },
      0,
    );
  }

  private locationOf(oldMembers: readonly Member[], newMembers: readonly Member[]): string | undefined {
    const named = (members: readonly Member[], side: SchemaSide) =>
      members.length === 1 && typeof members[0]!.schema === 'object' ? side.names.get(members[0]!.schema) : undefined;
    return named(newMembers, this.newSide) ?? named(oldMembers, this.oldSide);
  }

  private walk(
    oldMembers: readonly Member[],
    newMembers: readonly Member[],
    site: Site & { direction: Direction },
    depth: number,
  ): void {
    if (depth > MAX_DEPTH) return;
    if (
      oldMembers.length === newMembers.length &&
      oldMembers.every((member, i) => this.same.equal(member.schema, newMembers[i]!.schema))
    )
      return;
    const step: SchemaStep = {
      old: viewOf(oldMembers, this.oldSide.names),
      new: viewOf(newMembers, this.newSide.names),
      direction: site.direction,
      emit: (name, message) => this.collector.emit(`${site.direction}-${name}`, site, message),
      emitRule: (ruleId, message) => this.collector.emit(ruleId, site, message),
      emitIn: (owner, ruleId, message) => {
        const name = owner ? (this.newSide.names.get(owner) ?? this.oldSide.names.get(owner)) : undefined;
        this.collector.emit(ruleId, name ? { ...site, location: name } : site, message);
      },
      descend: (olds, news, segment) => this.walk(olds, news, this.below(site, olds, news, segment), depth + 1),
      nameOf: (side, schema) =>
        typeof schema === 'object' && schema !== null
          ? (side === 'old' ? this.oldSide : this.newSide).names.get(schema)
          : undefined,
      resolve: (side, ref) => (side === 'old' ? this.oldSide : this.newSide).resolve(ref),
    };
    for (const family of FAMILIES) family(step);
    if (step.old.items.length > 0 && step.new.items.length > 0)
      step.descend(step.old.items, step.new.items, { location: '[]', pointer: '/*' });
    if (step.old.content.length > 0 && step.new.content.length > 0)
      step.descend(step.old.content, step.new.content, { location: '(JSON)', pointer: ' (JSON)' });
  }

  private below(
    site: Site & { direction: Direction },
    olds: readonly Member[],
    news: readonly Member[],
    segment: Segment,
  ): Site & { direction: Direction } {
    const pointer = `${site.pointer}${segment.pointer}`;
    const named = this.locationOf(olds, news);
    if (named) return { ...site, pointer, location: named };
    // a field declared in a named schema (a TaskBase field met through any task variant) is located there
    const owner = [...news, ...olds].map((m) => m.owner).find((o) => o !== undefined);
    const ownerName = owner ? (this.newSide.names.get(owner) ?? this.oldSide.names.get(owner)) : undefined;
    const inOwner =
      ownerName !== undefined && [ownerName, `${ownerName}.`, `${ownerName}<`].some((p) => site.location.startsWith(p));
    const parent = ownerName && !inOwner ? ownerName : site.location;
    const joined = segment.location.startsWith('<') || segment.location.startsWith('[') ? '' : '.';
    return { ...site, pointer, location: `${parent}${joined}${segment.location}` };
  }
}
