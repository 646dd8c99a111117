/** Each order's keys as a set, made once: documents are put in order on every write the mock takes. */
const orderSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function keySet(order: readonly string[]): ReadonlySet<string> {
  let keys = orderSets.get(order);
  if (!keys) {
    keys = new Set(order);
    orderSets.set(order, keys);
  }
  return keys;
}

/**
 * `fields` with the keys of `order` first, in that order (the order a server writes a document in),
 * then any other key in its own order; undefined values are left out, as JSON leaves them out.
 * @example Object.keys(inKeyOrder({ b: 1, z: 2, a: 3 }, ['a', 'b'])) // ['a', 'b', 'z']
 */
export function inKeyOrder(fields: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of order) {
    const value = fields[key];
    if (value !== undefined) ordered[key] = value;
  }
  const known = keySet(order);
  for (const key of Object.keys(fields)) {
    if (known.has(key)) continue;
    const value = fields[key];
    if (value !== undefined) ordered[key] = value;
  }
  return ordered;
}
