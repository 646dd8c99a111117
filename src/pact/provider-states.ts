import { join } from 'node:path';
import { packageRoot } from '../contract/package-root.js';
import { PathTemplate } from '../domain/path-template.js';
import { generateRuns, generateTask } from '../fixtures/index.js';
import { INPUT_LIMITS, InputError, parseJsonText, readTextFile } from '../input/index.js';
import type { TaskType } from '../shapes/contract-types.js';
import { TASK_TYPES } from '../shapes/contract-types.js';
import { PactFileError } from './errors.js';
import type { ProviderState } from './model.js';

/** A task a provider state needs, as the states file describes it; `{name}` placeholders come from the state. */
export interface StateTask {
  readonly taskType: TaskType;
  readonly taskId: string;
  readonly taskState?: 'active' | 'paused';
  readonly runs?: number;
}

/** What a provider state sets up on the embedded mock. */
export interface StateSetup {
  readonly tasks: readonly StateTask[];
}

/** `states.json`: provider state name templates (`a CreateBackup task {taskId} exists`) -> set-up. */
export interface StatesFile {
  readonly states: Readonly<Record<string, StateSetup>>;
}

/** The states file bundled with the toolkit (`contracts/provider-states.json`). */
export function defaultStatesPath(): string {
  return join(packageRoot(), 'contracts', 'provider-states.json');
}

/** A state name template: `{name}` captures any text (`a CreateBackup task {taskId} exists`). */
function stateTemplate(template: string): PathTemplate {
  return new PathTemplate(template, { value: 'text' });
}

/** Reads and checks a states file; a malformed one is a PactFileError (one line, exit 2). */
export async function readStatesFile(path: string = defaultStatesPath()): Promise<StatesFile> {
  let parsed: unknown;
  try {
    parsed = parseJsonText(await readTextFile(path, { what: 'states', maxBytes: INPUT_LIMITS.pactBytes.value }), {
      label: path,
    });
  } catch (error) {
    const why = error instanceof InputError ? error.reason : (error as Error).message.split('\n')[0];
    throw new PactFileError(`cannot use states file ${path}: ${why}`, path);
  }
  const states = (parsed as { states?: unknown }).states;
  if (typeof states !== 'object' || states === null)
    throw new PactFileError(`states file ${path} has no "states" object`, path);
  for (const [name, setup] of Object.entries(states)) {
    const tasks = (setup as { tasks?: unknown }).tasks;
    if (!Array.isArray(tasks))
      throw new PactFileError(`states file ${path}: state "${name}" needs a "tasks" list`, path);
    for (const task of tasks as StateTask[]) {
      if (!(TASK_TYPES as readonly string[]).includes(task.taskType)) {
        throw new PactFileError(
          `states file ${path}: state "${name}" has unknown taskType ${String(task.taskType)}`,
          path,
        );
      }
    }
  }
  return parsed as StatesFile;
}

/** A provider state resolved against a states file: the tasks to create, with placeholders filled. */
export interface ResolvedState {
  readonly state: string;
  readonly tasks: readonly StateTask[];
  /** Values captured from the state name and its params (for ProviderState generators). */
  readonly values: Readonly<Record<string, unknown>>;
}

/** Finds the states file entry for each provider state; undefined entries are states the file does not know. */
export function resolveStates(file: StatesFile, states: readonly ProviderState[]): (ResolvedState | undefined)[] {
  return states.map((state) => {
    for (const [template, setup] of Object.entries(file.states)) {
      const captured = stateTemplate(template).match(state.name);
      if (!captured) continue;
      const values: Record<string, unknown> = { ...state.params };
      for (const [name, value] of Object.entries(captured)) values[name] ??= value;
      const lookup = (name: string) => (values[name] === undefined ? undefined : String(values[name]));
      const tasks = setup.tasks.map((task) => ({ ...task, taskId: stateTemplate(task.taskId).fill(lookup) }));
      return { state: state.name, tasks, values };
    }
    return undefined;
  });
}

/** The documents a resolved state puts on the mock: a generated task per entry (seeded by its id) and its runs. */
export function stateDocuments(resolved: ResolvedState): { task: unknown; runs: unknown[] }[] {
  return resolved.tasks.map((spec) => {
    const task = generateTask(spec.taskType, {
      seed: spec.taskId,
      ...(spec.taskState ? { taskState: spec.taskState } : {}),
      overrides: { taskId: spec.taskId, id: spec.taskId },
    });
    return { task, runs: generateRuns(task, spec.runs ?? 0, { seed: spec.taskId }) };
  });
}
