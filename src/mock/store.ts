import type { FixtureSet } from '../fixtures/index.js';
import type { Run, Task, TaskType } from '../shapes/contract-types.js';
import { JsonText } from './json-text.js';
import { type SeededRandom, seededRandom } from './seeded-random.js';

interface RunEntry {
  run: Run;
  /** Serialized run with the current task embedded; dropped when the run or its task changes. */
  json: JsonText | undefined;
}

interface TaskEntry {
  task: Task;
  /** Serialized task (compact JSON), dropped on every change. */
  json: JsonText | undefined;
  runs: Map<string, RunEntry>;
}

/** Told about every change of the task set (the schedules follow tasks through it). */
export interface StoreListener {
  taskChanged(taskId: string): void;
  reset(): void;
}

/**
 * The mock's state: tasks by id, each with its runs. Reads serve pre-serialized JSON, cached per
 * task and per run and dropped when they change. Writes replace a whole document at once, so each
 * operation is atomic (the server is single-threaded and no write awaits halfway).
 *
 * @example
 * const store = new MockStore(fixtureSet, 1);
 * store.taskJson(store.tasks()[0]!.taskId)!.text; // the task's compact JSON
 */
export class MockStore {
  private entries = new Map<string, TaskEntry>();
  private listCache: Buffer | undefined;
  private ids: SeededRandom;
  private listener: StoreListener | undefined;
  private changes = 0;

  constructor(
    private seedSet: FixtureSet,
    private readonly seed: number | string,
  ) {
    this.ids = seededRandom(seed, 'ids');
    this.reset();
  }

  /** Goes up on every change of a task or run (the dashboard's change feed compares it; nothing else reads it). */
  get revision(): number {
    return this.changes;
  }

  /** Back to the seeded fixtures, and the id stream back to its start. */
  reset(): void {
    this.changes++;
    const copy = structuredClone(this.seedSet);
    this.entries = new Map(
      copy.tasks.map((task) => [
        task.taskId,
        {
          task,
          json: undefined,
          runs: new Map((copy.runs[task.taskId] ?? []).map((run) => [run.runId, { run, json: undefined }])),
        },
      ]),
    );
    this.listCache = undefined;
    this.ids = seededRandom(this.seed, 'ids');
    this.listener?.reset();
  }

  /** Replaces the data `reset` goes back to (a scenario was loaded); the caller resets. */
  replaceSeed(set: FixtureSet): void {
    this.seedSet = set;
  }

  /** The meta data of the set the store was loaded from. */
  get meta(): FixtureSet['meta'] {
    return this.seedSet.meta;
  }

  listen(listener: StoreListener): void {
    this.listener = listener;
  }

  /** A fresh id (32 hex digits) no task or run has. */
  newId(): string {
    let id = this.ids.hex32();
    while (this.entries.has(id)) id = this.ids.hex32();
    return id;
  }

  tasks(): Task[] {
    return [...this.entries.values()].map((e) => e.task);
  }

  task(taskId: string): Task | undefined {
    return this.entries.get(taskId)?.task;
  }

  firstTaskOfType(taskType: TaskType): Task | undefined {
    for (const entry of this.entries.values()) if (entry.task.taskType === taskType) return entry.task;
    return undefined;
  }

  taskJson(taskId: string): JsonText | undefined {
    const entry = this.entries.get(taskId);
    if (!entry) return undefined;
    entry.json ??= new JsonText(JSON.stringify(entry.task));
    return entry.json;
  }

  /** `{"result":[...]}` of every task, or of one type's tasks. */
  listJson(taskType?: TaskType): Buffer {
    if (taskType !== undefined)
      return Buffer.from(JSON.stringify({ result: this.tasks().filter((t) => t.taskType === taskType) }));
    if (!this.listCache) {
      // a Buffer: a long list is sent as it is, never encoded again
      const parts = [...this.entries.keys()].map((id) => this.taskJson(id)!.text);
      this.listCache = Buffer.from(`{"result":[${parts.join(',')}]}`);
    }
    return this.listCache;
  }

  /** The task's runs with the current task embedded, or undefined when the task does not exist. */
  runs(taskId: string): Run[] | undefined {
    const entry = this.entries.get(taskId);
    return entry && [...entry.runs.values()].map((r) => ({ ...r.run, task: entry.task }));
  }

  run(taskId: string, runId: string): Run | undefined {
    const entry = this.entries.get(taskId);
    const found = entry?.runs.get(runId);
    return found && { ...found.run, task: entry!.task };
  }

  runJson(taskId: string, runId: string): JsonText | undefined {
    const entry = this.entries.get(taskId);
    const found = entry?.runs.get(runId);
    if (!found) return undefined;
    found.json ??= new JsonText(JSON.stringify({ ...found.run, task: entry!.task }));
    return found.json;
  }

  putTask(task: Task): void {
    this.changes++;
    const existing = this.entries.get(task.taskId);
    if (existing) {
      existing.task = task;
      existing.json = undefined;
      for (const run of existing.runs.values()) run.json = undefined;
    } else {
      this.entries.set(task.taskId, { task, json: undefined, runs: new Map() });
    }
    this.listCache = undefined;
    this.listener?.taskChanged(task.taskId);
  }

  /** Deletes the task and all of its runs; false when it did not exist. */
  deleteTask(taskId: string): boolean {
    this.changes++;
    this.listCache = undefined;
    const deleted = this.entries.delete(taskId);
    if (deleted) this.listener?.taskChanged(taskId);
    return deleted;
  }

  putRun(taskId: string, run: Run): void {
    this.changes++;
    this.entries.get(taskId)?.runs.set(run.runId, { run, json: undefined });
  }

  /** The run as stored (the same object until it is replaced), without its task. */
  storedRun(taskId: string, runId: string): Run | undefined {
    return this.entries.get(taskId)?.runs.get(runId)?.run;
  }

  /** Deletes the task's oldest runs (the first put) beyond `max`; returns their ids. */
  trimRuns(taskId: string, max: number): string[] {
    const runs = this.entries.get(taskId)?.runs;
    const dropped: string[] = [];
    if (!runs) return dropped;
    for (const runId of runs.keys()) {
      if (runs.size <= max) break;
      runs.delete(runId);
      dropped.push(runId);
    }
    return dropped;
  }

  deleteRun(taskId: string, runId: string): boolean {
    this.changes++;
    return this.entries.get(taskId)?.runs.delete(runId) ?? false;
  }

  /** Everything, for `GET /__mock/state`: runs without their embedded task (it is in `tasks`). */
  snapshot(): { tasks: Task[]; runs: Record<string, Omit<Run, 'task'>[]> } {
    const runs: Record<string, Omit<Run, 'task'>[]> = {};
    for (const [id, entry] of this.entries) {
      runs[id] = [...entry.runs.values()].map(({ run }) => {
        const { task: _task, ...rest } = run;
        return rest;
      });
    }
    return { tasks: this.tasks(), runs };
  }
}
