import type { Run, RunStatus, Task } from '../shapes/contract-types.js';
import { dateValue } from './dates.js';

/** What a run is made of at one instant: its status and what it reported, when it was created and last modified. */
export interface RunParts {
  readonly runId: string;
  readonly status: RunStatus;
  readonly result: string;
  /** Epoch milliseconds, written in `style`. */
  readonly createdMs: number;
  readonly modifiedMs: number;
  /** A server writes one date style: the task's. */
  readonly style: 'epoch' | 'formatted';
  /** The task, embedded whole. */
  readonly task: Task;
}

/**
 * The run document of the fixtures and of the mock's schedules, in the server's order; `url` is
 * empty, as the documented runs have it.
 * @example runDocument({ runId, status: 'succeeded', result: 'Backup created.', createdMs, modifiedMs, style: 'epoch', task })
 */
export function runDocument(parts: RunParts): Run {
  return {
    runId: parts.runId,
    status: parts.status,
    result: parts.result,
    url: '',
    created: dateValue(parts.createdMs, parts.style),
    modified: dateValue(parts.modifiedMs, parts.style),
    task: parts.task,
  };
}
