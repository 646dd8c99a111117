import { dateStyleOf, dateValue, toEpochMillis } from '../../domain/dates.js';
import { clipToTaskDates, firingsOf, type TaskFirings } from '../../domain/task-firings.js';
import type { Run, Task } from '../../shapes/contract-types.js';
import type { MockStore } from '../store.js';
import { decideBatches, type FiringBatch } from './bulk-decisions.js';
import type { Decision, Outcomes } from './outcomes.js';
import { nextChange, type PlannedRun, planRun, runAt } from './run-lifecycle.js';

/**
 * Runs kept per task: a week of hourly runs and then some. When a task has more, its oldest runs
 * (the first stored) are deleted; firings that would only be deleted again are never materialized.
 */
export const MAX_RUNS_PER_TASK = 200;

interface LiveRun {
  readonly plan: PlannedRun;
  /** The document last stored: if the store holds another one, a client edited or deleted the run. */
  written: Run;
}

/** One task as the engine follows it. */
interface Track {
  task: Task;
  firings: TaskFirings | undefined;
  /** Every firing at or before this instant has been dealt with. */
  cursor: number;
  /** Firings in the task's life so far (for maxOccurrences); computed when first needed. */
  fired: number | undefined;
  /** The next firing, or Infinity (paused, ended, or no Quartz schedule). */
  next: number;
  readonly live: Map<string, LiveRun>;
  /** `scheduled` runs of the loaded data, by firing time: the firing takes them over. */
  readonly waiting: Map<number, string>;
}

/**
 * Turns mock time into runs. Beside the store, not inside the handlers: before each request (and
 * after every `set` or `advance` of the clock) the server calls `catchUp(now)` when `now >= nextDue`,
 * a single comparison when nothing is due. A catch-up fires each active task at every instant of its
 * schedule in the elapsed time (start and end dates and maxOccurrences honoured; paused tasks do not
 * fire and their missed slots leave no run), moves runs along `scheduled -> executing -> final`,
 * sets `lastStart` and adds one to `generation` per firing, as the seed's samples show.
 *
 * Loaded data is the state at the instant it was loaded: schedules fire from then on, and the time
 * between a document's `lastStart` and that instant is not filled in.
 *
 * @example
 * const engine = new ScheduleEngine(store, outcomes, 'seed', () => clock.now());
 * if (clock.now() >= engine.nextDue) engine.catchUp(clock.now());
 */
export class ScheduleEngine {
  private tracks = new Map<string, Track>();
  private due = Number.NEGATIVE_INFINITY;
  /** True while the engine writes to the store (its own writes are not task changes to follow). */
  private writing = false;

  constructor(
    private readonly store: MockStore,
    private readonly outcomes: Outcomes,
    private readonly seed: number | string,
    private readonly now: () => number,
  ) {
    this.reload();
    store.listen({ taskChanged: (taskId) => this.taskChanged(taskId), reset: () => this.reload() });
  }

  /** The earliest instant at which something happens (a firing, a run moving on). */
  get nextDue(): number {
    return this.due;
  }

  /** Follows every task of the store from now on (start, reset, a scenario loaded). */
  reload(): void {
    const now = this.now();
    this.tracks = new Map();
    for (const task of this.store.tasks()) this.tracks.set(task.taskId, this.newTrack(task, now, true));
    this.recomputeDue();
  }

  /**
   * Brings every task up to `now`. The work is the runs kept, not the firings: each task's firings in
   * the elapsed time are counted, only the last `MAX_RUNS_PER_TASK` are built, and counted outcome
   * rules are used up in bulk as one firing at a time would (`decideBatches`).
   */
  catchUp(now: number): void {
    if (this.writing) return;
    this.writing = true;
    try {
      const tracks: Track[] = [];
      const batches: FiringBatch[] = [];
      for (const track of [...this.tracks.values()]) {
        if (!this.sync(track)) continue;
        tracks.push(track);
        batches.push(this.batchOf(track, now));
      }
      const decisions = decideBatches(batches, this.outcomes);
      tracks.forEach((track, i) => {
        this.moveLiveRuns(track, now);
        if (now <= track.cursor) return;
        this.fire(track, batches[i]!, decisions[i]!, now);
        track.cursor = now;
        track.next = this.nextFiring(track);
      });
    } finally {
      this.writing = false;
    }
    this.recomputeDue();
  }

  private taskChanged(taskId: string): void {
    if (this.writing) return;
    const task = this.store.task(taskId);
    const track = this.tracks.get(taskId);
    if (!task) this.tracks.delete(taskId);
    else if (!track) this.tracks.set(taskId, this.newTrack(task, this.now(), false));
    else this.follow(track, task);
    this.recomputeDue();
  }

  /** The task's document changed (an edit, enable, disable): what is still to come follows the new one. */
  private follow(track: Track, task: Task): void {
    // a task that comes back from a pause fires from now on: the slots it missed leave no run
    if (track.task.taskState !== 'active' || task.taskState !== 'active')
      track.cursor = Math.max(track.cursor, this.now());
    track.task = task;
    track.firings = firingsOf(task);
    track.next = this.nextFiring(track);
  }

  private newTrack(task: Task, now: number, loaded: boolean): Track {
    const created = toEpochMillis(task.created);
    const track: Track = {
      task,
      firings: firingsOf(task),
      cursor: Number.isNaN(created) ? now : Math.max(now, created),
      fired: undefined,
      next: Number.POSITIVE_INFINITY,
      live: new Map(),
      waiting: new Map(),
    };
    if (loaded)
      for (const run of this.store.runs(task.taskId) ?? [])
        if (run.status === 'scheduled') track.waiting.set(toEpochMillis(run.created), run.runId);
    track.next = this.nextFiring(track);
    return track;
  }

  /** How many times the task fired before the engine followed it: what its lastStart implies. */
  private firedSoFar(track: Track): number {
    if (track.fired !== undefined) return track.fired;
    const last = track.task.lastStart === undefined ? Number.NaN : toEpochMillis(track.task.lastStart);
    const created = toEpochMillis(track.task.created);
    const firings = track.firings;
    track.fired =
      firings && !Number.isNaN(last) && !Number.isNaN(created)
        ? firings.schedule.countFires(Math.max(created, firings.start) - 1, last)
        : 0;
    return track.fired;
  }

  private nextFiring(track: Track): number {
    const firings = track.firings;
    if (!firings || track.task.taskState !== 'active') return Number.POSITIVE_INFINITY;
    if (Number.isFinite(firings.maxOccurrences) && this.firedSoFar(track) >= firings.maxOccurrences)
      return Number.POSITIVE_INFINITY;
    const next = firings.schedule.nextFire(Math.max(track.cursor, firings.start - 1));
    return next === undefined || next > firings.end ? Number.POSITIVE_INFINITY : next;
  }

  /** Follows the store's document of the task; false (and the task let go) when it was deleted. */
  private sync(track: Track): boolean {
    const current = this.store.task(track.task.taskId);
    if (!current) {
      this.tracks.delete(track.task.taskId);
      return false;
    }
    if (current !== track.task) this.follow(track, current);
    return true;
  }

  /** The task's firings in `(cursor, upTo]`: how many (dates and maxOccurrences honoured), and the last kept. */
  private batchOf(track: Track, upTo: number): FiringBatch {
    const task = track.task;
    const firings = track.firings;
    if (!firings || upTo <= track.cursor || track.next > upTo) return { task, count: 0, kept: [], firedBy: () => 0 };
    const window = clipToTaskDates(firings, track.cursor, upTo);
    let count = firings.schedule.countFires(window.after, window.upTo);
    let last = window.upTo;
    if (Number.isFinite(firings.maxOccurrences)) {
      const left = firings.maxOccurrences - this.firedSoFar(track);
      if (count > left) {
        count = Math.max(left, 0);
        last = firings.schedule.nthFire(window.after, count) ?? window.after;
      }
    }
    if (count <= 0) return { task, count: 0, kept: [], firedBy: () => 0 };
    const kept = firings.schedule.lastFires(window.after, last, Math.min(count, MAX_RUNS_PER_TASK)).reverse();
    const firedBy = (at: number) => Math.min(count, firings.schedule.countFires(window.after, Math.min(at, last)));
    return { task, count, kept, firedBy };
  }

  private fire(track: Track, batch: FiringBatch, decisions: readonly Decision[], upTo: number): void {
    if (Number.isFinite(track.firings?.maxOccurrences ?? Number.POSITIVE_INFINITY))
      track.fired = this.firedSoFar(track) + batch.count;
    if (batch.count <= 0) return;
    const times = batch.kept;
    const taskId = track.task.taskId;
    const style = dateStyleOf(track.task.created) ?? 'epoch';
    const task = {
      ...track.task,
      lastStart: dateValue(times[times.length - 1]!, style),
      generation: track.task.generation + batch.count,
    } as Task;
    times.forEach((fireMs, k) => {
      const plan = planRun(task, fireMs, decisions[k]!, this.seed, track.waiting.get(fireMs));
      track.waiting.delete(fireMs);
      const run = runAt(plan, task, upTo);
      this.store.putRun(taskId, run);
      if (nextChange(plan, upTo) !== undefined) track.live.set(plan.runId, { plan, written: run });
    });
    this.store.putTask(task);
    track.task = task;
    for (const runId of this.store.trimRuns(taskId, MAX_RUNS_PER_TASK)) track.live.delete(runId);
  }

  /** Runs still scheduled or executing take the status they have at `at`; edited or deleted ones are let go. */
  private moveLiveRuns(track: Track, at: number): void {
    for (const [runId, live] of track.live) {
      if (this.store.storedRun(track.task.taskId, runId) !== live.written) {
        track.live.delete(runId);
        continue;
      }
      const run = runAt(live.plan, track.task, at);
      if (run.status !== live.written.status) {
        this.store.putRun(track.task.taskId, run);
        live.written = run;
      }
      if (nextChange(live.plan, at) === undefined) track.live.delete(runId);
    }
  }

  private recomputeDue(): void {
    let due = Number.POSITIVE_INFINITY;
    for (const track of this.tracks.values()) {
      if (track.next < due) due = track.next;
      for (const live of track.live.values()) {
        const change = nextChange(live.plan, track.cursor);
        if (change !== undefined && change < due) due = change;
      }
    }
    this.due = due;
  }
}
