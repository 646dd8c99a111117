import type { ListedItem } from './checks/types.js';

/**
 * A list's items by id (first occurrence; an id listed twice is list-consistency's finding). The
 * parsed items are the smallest form a big list can be kept in (smaller than its text); each is
 * let go once its task is done.
 *
 * @example indexListItems({ result: [{ taskId: 'a', x: 1 }] }, 'taskId') // Map { 'a' => { index: 0, item: { taskId: 'a', x: 1 } } }
 */
export function indexListItems(body: unknown, idField: string): Map<string, ListedItem> {
  const index = new Map<string, ListedItem>();
  const result = (body as { result?: unknown } | null)?.result;
  if (!Array.isArray(result)) return index;
  result.forEach((item: unknown, position) => {
    const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[idField] : undefined;
    if (typeof id === 'string' && !index.has(id)) index.set(id, { index: position, item });
  });
  return index;
}
