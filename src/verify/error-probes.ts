import type { ResourceKind } from '../contract/roles.js';
import type { ErrorProbe } from './checks/types.js';
import type { ProbeDriver } from './writes.js';

/** A task or run id no server has: the one the contract's not-found examples use. */
const UNKNOWN_ID = '0123456789abcdef0123456789abcdef';
/** An id that breaks the contract's id pattern (32 lowercase hex digits). */
const MALFORMED_ID = 'not-a-valid-id';
/** An `f` the contract does not know. */
const UNKNOWN_FORMAT = 'xml';

interface Probe {
  readonly kind: ResourceKind;
  readonly probe: ErrorProbe;
  readonly params: Record<string, string>;
  readonly format: string;
}

/**
 * The error-path probes for what a run knows: without a task, the ones any server can answer (the
 * list with an unknown `f`, an unknown and a malformed task id, the runs of an unknown task); with a
 * sample task (and run), the rest (an unknown and a malformed run id, an unknown `f` on each kind).
 */
function errorProbes(sample: { taskId?: string; runId?: string }): Probe[] {
  const json = 'json';
  const { taskId, runId } = sample;
  if (taskId === undefined) {
    return [
      { kind: 'list', probe: 'unknown-format', params: {}, format: UNKNOWN_FORMAT },
      { kind: 'task', probe: 'unknown-task-id', params: { taskId: UNKNOWN_ID }, format: json },
      { kind: 'task', probe: 'malformed-id', params: { taskId: MALFORMED_ID }, format: json },
      { kind: 'runs', probe: 'unknown-task-id', params: { taskId: UNKNOWN_ID }, format: json },
    ];
  }
  return [
    { kind: 'task', probe: 'unknown-format', params: { taskId }, format: UNKNOWN_FORMAT },
    { kind: 'runs', probe: 'unknown-format', params: { taskId }, format: UNKNOWN_FORMAT },
    { kind: 'run', probe: 'unknown-run-id', params: { taskId, runId: UNKNOWN_ID }, format: json },
    { kind: 'run', probe: 'malformed-id', params: { taskId, runId: MALFORMED_ID }, format: json },
    ...(runId === undefined
      ? []
      : [
          { kind: 'run' as const, probe: 'unknown-format' as const, params: { taskId, runId }, format: UNKNOWN_FORMAT },
        ]),
  ];
}

/**
 * Sends the read-only error-path probes (GET, the run's token) once per resource kind; the
 * `error-paths` check judges each answer.
 */
export async function probeErrorPaths(run: ProbeDriver, sample: { taskId?: string; runId?: string }): Promise<void> {
  await Promise.all(
    errorProbes(sample).map(({ kind, probe, params, format }) =>
      run.send(kind, run.api.read(kind, 'get'), params, 'error-path', format, { probe }),
    ),
  );
}
