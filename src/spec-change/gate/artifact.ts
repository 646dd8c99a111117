import type { ResourceKind } from '../../contract/roles.js';

/**
 * The schema a document must satisfy, named so that it can be found in either version of the contract:
 * - `exchange`: the response of the operation a request reaches (`GET /system/tasks/abc...`, a path
 *   relative to the admin root or a full one such as `/arcgis/admin/...`); survives renamed
 *   operationIds and components, and breaks (rightly) when the path goes away;
 * - `resource`: the GET answer of a resource (a task, a run, a list): the path the OLD contract
 *   gives that resource, filled with `params`, then reached as an `exchange` (so a path NEW moves breaks it);
 * - `response`: a documented response by operationId;
 * - `component`: `components.schemas[name]`.
 */
export type SchemaTarget =
  | {
      readonly kind: 'exchange';
      readonly method: string;
      readonly path: string;
      readonly status: number | string;
      readonly mediaType: string;
    }
  | {
      readonly kind: 'resource';
      readonly resource: ResourceKind;
      readonly params: Readonly<Record<string, string>>;
      readonly status: number | string;
      readonly mediaType: string;
    }
  | {
      readonly kind: 'response';
      readonly operationId: string;
      readonly status: number | string;
      readonly mediaType: string;
    }
  | { readonly kind: 'component'; readonly name: string };

/** One document an artifact holds, and the schema it must satisfy. */
export interface ArtifactDocument {
  /** Where it is, for reasons: `tasks/5f0c....json`, `runs of 5f0c... #2`. */
  readonly label: string;
  readonly value: unknown;
  readonly schema: SchemaTarget;
  /** Set when the document could not be read (a recorded body that is not JSON): the reason, under both versions. */
  readonly unreadable?: string;
}

/** The kinds of things the gate re-checks. */
export type ArtifactKind = 'pact' | 'fixture' | 'scenario' | 'recording' | 'example';

/** Something users hold that depends on the contract: a fixture, a scenario, a recording, an example. */
export interface DocumentArtifact {
  readonly kind: ArtifactKind;
  readonly name: string;
  readonly file?: string;
  readonly documents: readonly ArtifactDocument[];
  /** Checked under NEW only: it exists only there (an example NEW added or changed). */
  readonly newOnly?: boolean;
  /** The release the artifact is of (a scenario's `release`, a set's `siteVersion`): it is judged as of it. */
  readonly release?: string;
}

/** What a source found, and what it wants said (e.g. "no folder mocks/scenarios: nothing to check"). */
export interface SourceResult {
  readonly artifacts: readonly DocumentArtifact[];
  readonly notes: readonly string[];
  /** Values to mask in every report (tokens and passwords met in recordings). */
  readonly secrets?: readonly string[];
}

/**
 * A pluggable source of artifacts: a name, a kind, and a way to load its documents. Plug your own in
 * with `runGate({ sources: [...] })`.
 *
 * @example
 * const mine: ArtifactSource = {
 *   name: 'contract-samples', kind: 'fixture',
 *   load: async () => ({ notes: [], artifacts: [{ kind: 'fixture', name: 'sample task', documents: [
 *     { label: 'task.json', value: task, schema: { kind: 'component', name: 'Task' } },
 *   ] }] }),
 * };
 */
export interface ArtifactSource {
  readonly name: string;
  readonly kind: ArtifactKind;
  load(): Promise<SourceResult>;
}

/** An artifact file the user must fix (not JSON, not the expected shape); its message is one line. */
export class ArtifactError extends Error {
  override readonly name = 'ArtifactError';
}

/**
 * The target of a task, a run or a list as the admin API answers it (paths relative to the admin root).
 *
 * @example { label: 'task.json', value: task, schema: TARGETS.task(task.taskId) }
 */
export const TARGETS = {
  task: (taskId: string): SchemaTarget => resource('task', { taskId }),
  taskList: (): SchemaTarget => resource('list', {}),
  run: (taskId: string, runId: string): SchemaTarget => resource('run', { taskId, runId }),
  runList: (taskId: string): SchemaTarget => resource('runs', { taskId }),
} as const;

function resource(kind: ResourceKind, params: Record<string, string>): SchemaTarget {
  return { kind: 'resource', resource: kind, params, status: 200, mediaType: 'application/json' };
}
