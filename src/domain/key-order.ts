/**
 * `fields` with the keys of `order` first, in that order (the order a server writes a document in),
 * then any other key in its own order; undefined values are left out, as JSON leaves them out.
 * @example Object.keys(inKeyOrder({ b: 1, z: 2, a: 3 }, ['a', 'b'])) // ['a', 'b', 'z']
 */
export function inKeyOrder(fields: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of order) if (fields[key] !== undefined) ordered[key] = fields[key];
  for (const [key, value] of Object.entries(fields)) if (!(key in ordered) && value !== undefined) ordered[key] = value;
  return ordered;
}
