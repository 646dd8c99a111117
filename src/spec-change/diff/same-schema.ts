/**
 * Deep equality of two JSON values, memoized per pair of objects. A dereferenced spec shares one object
 * per component, met again and again (a Task in every list, run and response), so each pair of
 * objects is compared once.
 */
export class SameSchema {
  private readonly memo = new WeakMap<object, WeakMap<object, boolean>>();

  equal(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    let row = this.memo.get(a);
    const known = row?.get(b);
    if (known !== undefined) return known;
    const result = this.compare(a as Record<string, unknown>, b as Record<string, unknown>);
    if (!row) {
      row = new WeakMap();
      this.memo.set(a, row);
    }
    row.set(b, result);
    return result;
  }

  private compare(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && this.equal(a[key], b[key]));
  }
}
