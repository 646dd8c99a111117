import { type ArtifactDocument, ArtifactError, TARGETS } from '../artifact.js';
import { isRecord } from '../read-json.js';

/** The id a task document goes by (`taskId`, else `id`), or a placeholder for the reason to name. */
export function taskIdOf(task: unknown): string {
  if (isRecord(task)) {
    const id = task['taskId'] ?? task['id'];
    if (typeof id === 'string' && id !== '') return id;
  }
  return 'unknown-task';
}

/**
 * The documents of tasks and their runs (`tasks`: full Task documents; `runs`: taskId -> full Run
 * documents), each to be answered by GET on its resource. Fixture sets and scenarios share this shape.
 */
export function taskAndRunDocuments(task: unknown, runs: readonly unknown[]): ArtifactDocument[] {
  const taskId = taskIdOf(task);
  const documents: ArtifactDocument[] = [{ label: `task ${taskId}`, value: task, schema: TARGETS.task(taskId) }];
  runs.forEach((run, index) => {
    const runId = isRecord(run) && typeof run['runId'] === 'string' ? run['runId'] : `run-${index + 1}`;
    documents.push({ label: `run ${index + 1} of ${taskId}`, value: run, schema: TARGETS.run(taskId, runId) });
  });
  return documents;
}

/** Checks the `{tasks: [...], runs: {taskId: [...]}}` shape and returns its parts. */
export function tasksAndRuns(file: string, parsed: unknown): { tasks: unknown[]; runs: Record<string, unknown[]> } {
  if (!isRecord(parsed)) throw new ArtifactError(`${file} must be a JSON object with "tasks" (and "runs")`);
  const tasks = parsed['tasks'] ?? [];
  const runs = parsed['runs'] ?? {};
  if (!Array.isArray(tasks)) throw new ArtifactError(`${file}: "tasks" must be an array of tasks`);
  if (!isRecord(runs) || !Object.values(runs).every(Array.isArray))
    throw new ArtifactError(`${file}: "runs" must map task ids to arrays of runs`);
  return { tasks, runs: runs as Record<string, unknown[]> };
}

const MAX_RELEASE_TEXT = 32;

/** The release a parsed artifact names: a scenario's `release`, a fixture set's `meta.siteVersion`; else undefined. */
export function releaseNamedBy(parsed: unknown): string | undefined {
  if (!isRecord(parsed)) return undefined;
  const own = parsed['release'] ?? (isRecord(parsed['meta']) ? parsed['meta']['siteVersion'] : undefined);
  if (typeof own !== 'string' || own === '') return undefined;
  // a version is short: a long text is no release, and its note quotes only the start of it
  return own.length > MAX_RELEASE_TEXT ? `${own.slice(0, MAX_RELEASE_TEXT)}...` : own;
}
