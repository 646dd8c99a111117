import type { ListedItem } from './checks/types.js';

/** The items of a list answer (`{"result": [...]}`) that are objects; [] for anything else. */
export function listItems(body: unknown): Record<string, unknown>[] {
  const result = (body as { result?: unknown } | null)?.result;
  return Array.isArray(result)
    ? result.filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object')
    : [];
}

/**
 * A list's items by id (first occurrence; an id listed twice is list-consistency's finding), as
 * compact JSON text: the parsed list can be let go at once, and each item is parsed again only
 * if its own read differs from it.
 *
 * @example indexListItems({ result: [{ taskId: 'a', x: 1 }] }, 'taskId') // Map { 'a' => { index: 0, text: '{"taskId":"a","x":1}' } }
 */
export function indexListItems(body: unknown, idField: string): Map<string, ListedItem> {
  const index = new Map<string, ListedItem>();
  const result = (body as { result?: unknown } | null)?.result;
  if (!Array.isArray(result)) return index;
  result.forEach((item: unknown, position) => {
    const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[idField] : undefined;
    if (typeof id === 'string' && !index.has(id)) index.set(id, { index: position, text: JSON.stringify(item) });
  });
  return index;
}
