/**
 * Every limit on data that enters the toolkit from a file or the network (outside the mock), in one
 * table, each with the reason for its value. docs/input-limits.md explains them for users.
 */
export interface InputLimit {
  readonly value: number;
  readonly why: string;
}

const MIB = 1024 * 1024;

/** The limits of `src/input`: sizes in bytes, depths in levels of nested arrays and objects. */
export const INPUT_LIMITS = {
  /** How deep any JSON or YAML document (file or answer) may nest. */
  depth: {
    value: 256,
    why: 'real documents nest under 20 levels; recursive walkers (schema checks, diffs, redaction, renderers) spend several stack frames per level, and 256 keeps them far below what the stack holds',
  },
  /** An OpenAPI spec file, and each file a `$ref` names. */
  specBytes: {
    value: 32 * MIB,
    why: 'the bundled spec is 54 kB; a spec 600 times larger is not a contract but a mistake or an attack',
  },
  /** A pact file. */
  pactBytes: {
    value: 32 * MIB,
    why: 'a pact holds a consumer’s interactions, a few kB each; 32 MiB is thousands of them',
  },
  /** A mock scenario file. */
  scenarioBytes: {
    value: 64 * MIB,
    why: 'the scenario schema allows 10,000 tasks of a few kB each',
  },
  /** One JSON file of a fixture directory (tasks.json, tasks/ID.json, runs/ID.json, meta.json). */
  fixtureFileBytes: {
    value: 128 * MIB,
    why: 'tasks.json of a site with 10,000 tasks is about 30 MB; the largest string V8 builds is 512 MiB',
  },
  /** A recording's traffic.har. */
  harBytes: {
    value: 256 * MIB,
    why: 'a HAR holds every answer of a crawl (task list, tasks, runs); parsing it needs the text and its objects at once, and V8 strings end at 512 MiB',
  },
  /** A verify JSON report read back by `report merge`. */
  reportBytes: {
    value: 64 * MIB,
    why: 'a shard’s report is findings of a few hundred bytes each; merged reports are rendered again as one string, which must stay below V8’s 512 MiB',
  },
  /** All the verify JSON reports one `report merge` reads, together. */
  mergedReportBytes: {
    value: 128 * MIB,
    why: 'the merged outcome is rendered as JSON, JUnit and HTML strings, each several times the input; 128 MiB keeps them below V8’s 512 MiB',
  },
  /** Any count in a verify JSON report (tasks, runs, requests, tally cells). */
  reportCount: {
    value: 100_000_000,
    why: 'a run of 100,000 tasks sends under 10 million requests; a larger count is a tampered report',
  },
  /** Shards of one verify run that `report merge` joins. */
  shardCount: {
    value: 1024,
    why: 'CI runs a handful of shards; merge lists the missing ones, so the count must be small',
  },
  /** A document given to `validate` on a file or stdin, and a `.tasks-contract.yaml` or package.json. */
  documentBytes: {
    value: 64 * MIB,
    why: 'a task list of a large site is tens of MB; more is not a document of this API',
  },
} as const satisfies Record<string, InputLimit>;

/** A byte count as people read it: `32 MiB`, `900 kB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${Math.round((bytes / MIB) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}
