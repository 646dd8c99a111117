import { describe, expect, it } from '@jest/globals';
import { CrossCheckSample, pickSample, seededRank } from '../../src/verify/sample.js';

const ids = Array.from({ length: 200 }, (_, i) => i.toString(16).padStart(32, '0'));

describe('the seeded sample', () => {
  it('depends on the seed and the ids, not on the order they are listed in', () => {
    const sample = pickSample(19, ids, 5);
    expect(sample).toHaveLength(5);
    expect(pickSample(19, [...ids].reverse(), 5)).toEqual(sample);
    expect(pickSample(20, ids, 5)).not.toEqual(sample);
    expect(new Set(sample).size).toBe(5);
    expect(seededRank(19, ids[0]!)).toBe(seededRank(19, ids[0]!));
  });

  it('is the ids of lowest rank, lowest first (ties by id), at any size', () => {
    const byRank = (seed: number) =>
      [...ids].sort((a, b) => seededRank(seed, a) - seededRank(seed, b) || (a < b ? -1 : a > b ? 1 : 0));
    for (const seed of [1, 19, 77])
      for (const size of [0, 1, 5, 199, 200, 300])
        expect(pickSample(seed, ids, size)).toEqual(byRank(seed).slice(0, size));
  });

  it('spreads over the ids: seeds 1..50 pick more than half of 200 ids at least once', () => {
    const picked = new Set(Array.from({ length: 50 }, (_, seed) => pickSample(seed + 1, ids, 5)).flat());
    expect(picked.size).toBeGreaterThan(100);
  });

  it('checks one run of each sampled task, and tops up from other tasks the same way whatever their order', () => {
    const plan = { exhaustive: false, seed: 3, size: 3 };
    const tasks = ids.slice(0, 10);
    const runsOf = (taskId: string) => (tasks.indexOf(taskId) % 2 === 0 ? [] : [`${taskId}-r1`, `${taskId}-r2`]);
    const topUp = (order: string[]) => {
      const sample = new CrossCheckSample(plan, tasks);
      const checked = order.flatMap((taskId) => [...sample.runsToCheck(taskId, runsOf(taskId))]);
      return { checked: checked.sort(), topUp: sample.topUp(), tasks: sample.tasks };
    };
    const forward = topUp(tasks);
    expect(topUp([...tasks].reverse())).toEqual(forward);
    expect(forward.checked.length + forward.topUp.length).toBe(3);
    for (const taskId of forward.tasks) expect(new CrossCheckSample(plan, tasks).hasTask(taskId)).toBe(true);
  });

  it('is every resource when exhaustive', () => {
    const sample = new CrossCheckSample({ exhaustive: true, seed: 3, size: 1 }, ids);
    expect(sample.tasks).toEqual(ids);
    expect([...sample.runsToCheck(ids[5]!, ['a', 'b'])]).toEqual(['a', 'b']);
    expect(sample.topUp()).toEqual([]);
  });
});
