import type { ReleaseProfile } from '../domain/releases.js';
import type { Task } from '../shapes/contract-types.js';
import { failure, type MockFailure } from './failure.js';
import type { Params } from './params.js';

// What the mock refuses because of the release it plays (`release` option, `mock --release`).
// The facts are `src/domain/releases.ts`'s; this file only turns them into refusals.

/** createTask at a release without it, or a type the release cannot create; undefined when allowed. */
export function refusedCreate(release: ReleaseProfile, params: Params): MockFailure | undefined {
  if (!release.createTask) return failure(404, `createTask is not available at release ${release.version}.`);
  const type = params.get('type');
  if (type && !(release.creatableTypes as readonly string[]).includes(type))
    return failure(400, 'Unable to create task.', [
      `Invalid value for parameter 'type': ${type} tasks cannot be created at release ${release.version}.`,
    ]);
  return undefined;
}

/** Edit Task on a task whose type the release cannot edit; undefined when allowed. */
export function refusedUpdate(release: ReleaseProfile, task: Task): MockFailure | undefined {
  return release.updatableTypes.includes(task.taskType)
    ? undefined
    : failure(400, 'Unable to update task.', [
        `${task.taskType} tasks cannot be edited at release ${release.version}.`,
      ]);
}

/** The admin root's document at a release: what it lists, and `currentVersion`. */
export function adminRootDocument(release: ReleaseProfile, currentVersion: string): Record<string, unknown> {
  return { resources: release.healthChecks ? ['system', 'healthCheck'] : ['system'], currentVersion };
}
