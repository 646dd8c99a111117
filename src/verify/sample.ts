/**
 * Which resources verify reads four ways (f=json and f=pjson, by GET and by POST) to check that the
 * formats and methods agree. Every resource is judged once (GET f=json: schema, invariants,
 * secrets, list consistency); the equalities between formats and methods are properties of the
 * server's code, not of each document, so a seeded sample per endpoint checks them: `size` tasks
 * (their task read and their runs list) and one run of each, topped up from other tasks when
 * those have too few runs. `--exhaustive` reads every resource four ways (`exhaustive: true`).
 */
export interface SamplePlan {
  readonly exhaustive: boolean;
  /** Seeds the choice (`--seed`): the same seed on the same site picks the same resources. */
  readonly seed: number;
  /** Resources per endpoint read four ways (`--sample`). */
  readonly size: number;
}

export const DEFAULT_SAMPLE: SamplePlan = { exhaustive: false, seed: 19, size: 5 };

/**
 * A seeded rank for an id (FNV-1a over the seed and the id, then a murmur3 finalizer): the sample
 * is the ids of lowest rank. It depends on the seed and the id only, not on the order in which a
 * server lists them or in which concurrent reads finish, so a run is reproducible, and each shard
 * agrees with the others on which tasks are in the sample.
 *
 * @example seededRank(19, 'a1b2') === seededRank(19, 'a1b2') // true; seededRank(20, 'a1b2') is another number
 */
export function seededRank(seed: number, id: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** The `size` ids of lowest rank, lowest first. */
export function pickSample(seed: number, ids: Iterable<string>, size: number): string[] {
  // the lowest `size` kept in order as the ids go by: no sort of the whole list (a big site's thousands)
  const lowest: { id: string; rank: number }[] = [];
  if (size <= 0) return [];
  const before = (a: { id: string; rank: number }, b: { id: string; rank: number }) =>
    a.rank < b.rank || (a.rank === b.rank && a.id < b.id);
  for (const id of ids) {
    const entry = { id, rank: seededRank(seed, id) };
    if (lowest.length === size && !before(entry, lowest[size - 1]!)) continue;
    let at = lowest.length === size ? size - 1 : lowest.length;
    while (at > 0 && before(entry, lowest[at - 1]!)) {
      lowest[at] = lowest[at - 1]!;
      at--;
    }
    lowest[at] = entry;
  }
  return lowest.map((entry) => entry.id);
}

/** A run not in the sample, kept in case the sampled tasks have too few runs to fill it. */
export interface RunCandidate {
  readonly taskId: string;
  readonly runId: string;
  readonly rank: number;
}

/**
 * The sample of one verify run: the tasks chosen from the whole list (before sharding), and the
 * runs. Memory is bounded by `size`: of the runs outside the sample, only the `size` of lowest
 * rank are kept.
 */
export class CrossCheckSample {
  /** The sampled tasks, lowest rank first (all tasks when exhaustive). */
  readonly tasks: readonly string[];
  private readonly taskSet: ReadonlySet<string>;
  private readonly spare: RunCandidate[] = [];
  private runsChecked = 0;

  constructor(
    readonly plan: SamplePlan,
    taskIds: readonly string[],
  ) {
    this.tasks = plan.exhaustive ? taskIds : pickSample(plan.seed, taskIds, plan.size);
    this.taskSet = new Set(this.tasks);
  }

  /** Whether this task's read and its runs list are read four ways. */
  hasTask(taskId: string): boolean {
    return this.plan.exhaustive || this.taskSet.has(taskId);
  }

  /**
   * The runs of one task to read four ways: all when exhaustive; of a sampled task, its run of
   * lowest rank; of another task, none (its runs become spare candidates).
   */
  runsToCheck(taskId: string, runIds: readonly string[]): ReadonlySet<string> {
    if (this.plan.exhaustive) return new Set(runIds);
    if (!this.taskSet.has(taskId)) {
      for (const runId of runIds) this.offerSpare({ taskId, runId, rank: seededRank(this.plan.seed, runId) });
      return new Set();
    }
    const [chosen] = pickSample(this.plan.seed, runIds, 1);
    if (chosen === undefined) return new Set();
    this.runsChecked += 1;
    return new Set([chosen]);
  }

  /** Runs of other tasks that fill the run sample up to `size`, once every task is read. */
  topUp(): RunCandidate[] {
    if (this.plan.exhaustive) return [];
    return this.spare.slice(0, Math.max(0, this.plan.size - this.runsChecked));
  }

  private offerSpare(candidate: RunCandidate): void {
    const spare = this.spare;
    // by rank, then id: the kept set does not depend on the order in which tasks finish
    const before = (a: RunCandidate, b: RunCandidate) => a.rank < b.rank || (a.rank === b.rank && a.runId < b.runId);
    if (spare.length >= this.plan.size && !before(candidate, spare[spare.length - 1]!)) return;
    const at = spare.findIndex((other) => before(candidate, other));
    spare.splice(at === -1 ? spare.length : at, 0, candidate);
    if (spare.length > this.plan.size) spare.pop();
  }
}
