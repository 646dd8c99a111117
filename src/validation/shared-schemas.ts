import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../contract/model.js';
import { isSchemaObject, LISTS, MAPS, type SchemaObject, SINGLE } from './schema-keywords.js';

/** How deep a schema may nest between two shared schemas; deeper means a cycle this walk cannot share. */
const MAX_DEPTH = 64;

/** An id for a schema that is the digest of its JSON: two schemas with the same text validate alike. */
function contentId(schema: SchemaObject): string {
  return `urn:tasks-contract:sha256:${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 32)}`;
}

/**
 * Compiles schemas so that the subschemas they share (the contract's components, prepared) are
 * compiled once and called by `$ref`: the dereferenced contract holds the Task schema inline in the
 * answers of the list, a task, the runs and a run, and Ajv compiled it again in each (most of a
 * verify run's start-up). What a schema accepts does not change; only the fast validator is built
 * this way, the detailed one compiles the prepared schema as it is, so diagnostics keep their paths.
 */
export class SharedSchemas {
  private readonly ids = new Map<object, string>();
  private readonly added = new Set<string>();

  /**
   * `ajv` gives the Ajv to compile with, made on first use. `byContent`: a schema's `$id` is its
   * content's digest, so that the same schema of several contracts is compiled once (`prebuild.ts`
   * writes the validators of every release in one module); else a counter, which costs nothing.
   */
  constructor(
    private readonly ajv: () => Ajv2020,
    private readonly byContent = false,
  ) {}

  /** Marks these prepared schemas as shared (each is compiled once, under its own `$id`). */
  share(schemas: Iterable<JsonSchema>): void {
    for (const schema of schemas)
      if (isSchemaObject(schema) && schema['$id'] === undefined && !this.ids.has(schema))
        this.ids.set(schema, this.byContent ? contentId(schema) : `urn:tasks-contract:shared:${this.ids.size}`);
  }

  compile(prepared: JsonSchema): ValidateFunction {
    const id = isSchemaObject(prepared) ? this.ids.get(prepared) : undefined;
    if (id === undefined) return this.ajv().compile(this.referring(prepared, 0) as object);
    this.add(prepared as SchemaObject, id);
    return this.ajv().getSchema(id)!;
  }

  /**
   * The id the fast validator of `prepared` is compiled under: its own when shared, else its
   * content's, under which it is added (a schema's code is written as a module by id: `prebuild.ts`).
   */
  registeredId(prepared: SchemaObject): string {
    const shared = this.ids.get(prepared);
    if (shared !== undefined) {
      this.add(prepared, shared);
      return shared;
    }
    const id = contentId(prepared);
    if (!this.added.has(id)) {
      this.added.add(id);
      this.ajv().addSchema({ ...(this.referring(prepared, 0) as SchemaObject), $id: id });
    }
    return id;
  }

  private add(schema: SchemaObject, id: string): void {
    if (this.added.has(id)) return;
    this.added.add(id); // before the walk: shared schemas may refer to each other
    this.ajv().addSchema({ ...(this.referring(schema, 0, schema) as SchemaObject), $id: id });
  }

  /** A copy of `schema` where every shared subschema (but `self`) is a `$ref` to it. */
  private referring(schema: JsonSchema, depth: number, self?: SchemaObject): JsonSchema {
    if (!isSchemaObject(schema)) return schema;
    const id = schema === self ? undefined : this.ids.get(schema);
    if (id !== undefined) {
      this.add(schema, id);
      return { $ref: id };
    }
    if (depth > MAX_DEPTH) throw new Error(`a schema nests deeper than ${MAX_DEPTH} levels without a shared schema`);
    const sub = (value: unknown) => this.referring(value as JsonSchema, depth + 1);
    const out: SchemaObject = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (SINGLE.includes(keyword)) out[keyword] = sub(value);
      else if (LISTS.includes(keyword) && Array.isArray(value)) out[keyword] = value.map(sub);
      else if (MAPS.includes(keyword) && isSchemaObject(value))
        out[keyword] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, sub(s)]));
      else out[keyword] = value;
    }
    return out;
  }
}
