/** One shard of the work: `index` of `count`, 1-based (`--shard 2/4`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export const WHOLE: Shard = Object.freeze({ index: 1, count: 1 });

/**
 * Parses `i/n` (1 <= i <= n). Returns an error message instead of throwing, so the CLI can turn
 * it into a usage error.
 *
 * @example parseShard('2/4') // { index: 2, count: 4 }
 */
export function parseShard(text: string): Shard | string {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return `--shard must look like i/n (e.g. 1/4), got "${text}".`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return `--shard ${text}: i must be between 1 and n, and n at least 1.`;
  return { index, count };
}

/** FNV-1a, 32 bits: a stable hash, the same in every process and on every machine. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Whether a work item (a task id) belongs to this shard. Hashing the id (rather than counting
 * positions in the list) keeps a task in the same shard when other tasks come and go.
 */
export function inShard(key: string, shard: Shard): boolean {
  return shard.count === 1 || (fnv1a(key) % shard.count) + 1 === shard.index;
}
