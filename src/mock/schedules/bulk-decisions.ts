import type { Task } from '../../shapes/contract-types.js';
import type { Decision, FiringRoute, Outcomes } from './outcomes.js';

/** One task's firings in one catch-up: `count` of them, of which only the last few (`kept`) become runs. */
export interface FiringBatch {
  readonly task: Task;
  readonly count: number;
  /** Fire times of the last firings, ascending: the runs kept. */
  readonly kept: readonly number[];
  /** How many of the batch's firings are at or before `at`. */
  firedBy(at: number): number;
}

/**
 * The decision of every kept firing of one catch-up, and the counted outcome rules used up, exactly as
 * if each firing had taken its decision one at a time in time order across tasks (firings at the same
 * instant in batch order), without visiting the firings that are dropped.
 *
 * A task's own rules are used by its firings alone, so its j-th firing is at position j of its own
 * lane. Rules of a task type are shared: a firing's position in its type's lane is the number of that
 * type's shared firings before it, counted per task (`firedBy`) rather than enumerated. Positions are
 * only counted while they can fall inside the counted rules; every later firing gets what comes after.
 */
export function decideBatches(batches: readonly FiringBatch[], outcomes: Outcomes): Decision[][] {
  const routes = batches.map((batch) => outcomes.route(batch.task));
  const decisions: Decision[][] = batches.map(() => []);
  const shared = new Map<string, number[]>();
  batches.forEach((batch, i) => {
    const route = routes[i]!;
    const first = batch.count - batch.kept.length;
    batch.kept.forEach((_, k) => {
      if (first + k < route.ownFirings) decisions[i]![k] = route.own.at(first + k);
    });
    if (batch.count > route.ownFirings) {
      const group = shared.get(batch.task.taskType) ?? [];
      group.push(i);
      shared.set(batch.task.taskType, group);
    }
  });
  for (const group of shared.values()) decideShared(group, batches, routes, decisions);

  batches.forEach((batch, i) => {
    const route = routes[i]!;
    const own = Math.min(batch.count, route.ownFirings);
    if (own > 0 && route.own.counted > 0) outcomes.use({ taskId: batch.task.taskId }, own);
  });
  for (const group of shared.values()) {
    const lane = routes[group[0]!]!.typeLane;
    const firings = group.reduce((n, i) => n + sharedFirings(batches[i]!, routes[i]!, batches[i]!.count), 0);
    if (lane.counted > 0) outcomes.use({ taskType: batches[group[0]!]!.task.taskType }, firings);
  }
  return decisions;
}

/** How many of the batch's first `fired` firings go to the type's lane. */
const sharedFirings = (batch: FiringBatch, route: FiringRoute, fired: number) =>
  Math.max(0, Math.min(fired, batch.count) - route.ownFirings);

/** Decides the kept firings of one task type's batches that its lane decides. */
function decideShared(
  group: readonly number[],
  batches: readonly FiringBatch[],
  routes: readonly FiringRoute[],
  decisions: Decision[][],
): void {
  const lane = routes[group[0]!]!.typeLane;
  const firings: { i: number; k: number; at: number }[] = [];
  for (const i of group) {
    const batch = batches[i]!;
    const first = batch.count - batch.kept.length;
    batch.kept.forEach((at, k) => {
      if (first + k >= routes[i]!.ownFirings) firings.push({ i, k, at });
    });
  }
  firings.sort((a, b) => a.at - b.at || a.i - b.i);
  let inside = lane.counted > 0;
  for (const { i, k, at } of firings) {
    let position = lane.counted;
    if (inside) {
      position = 0;
      // a batch before this one in order has fired at `at` already; this one and later ones have not
      for (const j of group)
        position += sharedFirings(batches[j]!, routes[j]!, batches[j]!.firedBy(j < i ? at : at - 1));
      inside = position < lane.counted;
    }
    decisions[i]![k] = lane.at(position);
  }
}
