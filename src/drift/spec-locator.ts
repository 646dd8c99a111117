import { escapePointerToken } from '../validation/json-pointer.js';

type Raw = Record<string, unknown>;

const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A schema of the raw spec (references not resolved) and its JSON pointer in the document. */
export interface SpecPlace {
  readonly pointer: string;
  readonly schema: Raw;
}

/** Where an instance pointer leads in the raw spec: the schema slot it ends on, or the object it left the contract in. */
export type Located =
  | { readonly found: true; readonly slot: SpecPlace }
  | { readonly found: false; readonly parent: SpecPlace; readonly missing: string; readonly rest: readonly string[] };

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Finds, in the raw spec document (as parsed, `$ref`s in place), the schemas that govern each part of
 * a document: the way a maintainer reads the spec, so that a proposed change lands where a person
 * would write it (a task's field in `TaskBase` or its variant, a backup's in `CreateBackupParameters`).
 *
 * @example new SpecLocator(raw).locate('Task', '/parameters/passcode', task) // { found: true, slot: { pointer: '/components/schemas/CreateBackupParameters/properties/passcode', ... } }
 */
export class SpecLocator {
  constructor(readonly document: Raw) {}

  /** The place of `components.schemas[name]`. */
  component(name: string): SpecPlace {
    const schema = (this.document['components'] as Raw | undefined)?.['schemas'] as Raw | undefined;
    const found = schema?.[name];
    if (!isRaw(found)) throw new Error(`the spec has no schema ${name}`);
    return { pointer: `/components/schemas/${escapePointerToken(name)}`, schema: found };
  }

  /** Follows `$ref` (local ones) to the schema they name. */
  resolve(place: SpecPlace): SpecPlace {
    let current = place;
    for (let hops = 0; hops < 32 && typeof current.schema['$ref'] === 'string'; hops++) {
      const ref = current.schema['$ref'] as string;
      if (!ref.startsWith('#/')) break;
      const target = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, token) => (isRaw(node) ? node[unescapeToken(token)] : undefined), this.document);
      if (!isRaw(target)) break;
      current = { pointer: ref.slice(1), schema: target };
    }
    return current;
  }

  /** The variant a discriminated union picks for `instance`, or undefined (no discriminator, or a value it does not map). */
  variant(place: SpecPlace, instance: unknown): SpecPlace | undefined {
    const discriminator = place.schema['discriminator'];
    if (!isRaw(discriminator) || typeof discriminator['propertyName'] !== 'string') return undefined;
    const value = isRaw(instance) ? instance[discriminator['propertyName']] : undefined;
    const ref =
      isRaw(discriminator['mapping']) && typeof value === 'string' ? discriminator['mapping'][value] : undefined;
    return typeof ref === 'string' ? this.resolve({ pointer: '', schema: { $ref: ref } }) : undefined;
  }

  /** The schema places whose `properties`/`required` apply to an object: itself, then its `allOf` parts (resolved), depth first. */
  objectParts(place: SpecPlace): SpecPlace[] {
    const resolved = this.resolve(place);
    const parts = [resolved];
    const allOf = resolved.schema['allOf'];
    if (Array.isArray(allOf))
      allOf.forEach((part, index) => {
        if (isRaw(part))
          parts.push(...this.objectParts({ pointer: `${resolved.pointer}/allOf/${index}`, schema: part }));
      });
    return parts;
  }

  /** The slot (not resolved) that describes `token` of an object at `place`, or undefined. */
  child(place: SpecPlace, token: string): SpecPlace | undefined {
    for (const part of this.objectParts(place)) {
      const properties = part.schema['properties'];
      if (isRaw(properties) && isRaw(properties[token]))
        return { pointer: `${part.pointer}/properties/${escapePointerToken(token)}`, schema: properties[token] };
      const items = part.schema['items'];
      if (/^\d+$/.test(token) && isRaw(items)) return { pointer: `${part.pointer}/items`, schema: items };
    }
    return undefined;
  }

  /**
   * Walks `pointer` (a JSON pointer into `instance`) from `components.schemas[root]`: through `$ref`s,
   * `allOf` parts and discriminated unions (by the instance's own discriminator value).
   */
  locate(root: string, pointer: string, instance: unknown): Located {
    const tokens = pointer.split('/').slice(1).map(unescapeToken);
    let slot = this.component(root);
    let value = instance;
    for (let i = 0; i < tokens.length; i++) {
      let owner = this.resolve(slot);
      owner = this.variant(owner, value) ?? owner;
      const token = tokens[i]!;
      const next = this.child(owner, token);
      if (!next) return { found: false, parent: owner, missing: token, rest: tokens.slice(i + 1) };
      slot = next;
      value = isRaw(value) || Array.isArray(value) ? (value as Record<string, unknown>)[token] : undefined;
    }
    return { found: true, slot };
  }
}
