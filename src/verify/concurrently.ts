/**
 * Runs `work` on each item with at most `workers` at a time, taking items from the iterable only
 * as workers free up: unlike mapping every item to a queued promise first, nothing is held per
 * item that has not started. Rejects with the first error; the other workers finish the item they
 * are on and take no more.
 *
 * @example await forEachConcurrently(taskIds, 8, (taskId) => readTask(taskId));
 */
export async function forEachConcurrently<T>(
  items: Iterable<T>,
  workers: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let failed = false;
  const worker = async (): Promise<void> => {
    for (let next = iterator.next(); !next.done && !failed; next = iterator.next()) {
      try {
        await work(next.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
}
