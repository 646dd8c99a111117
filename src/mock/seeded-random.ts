/** A seeded pseudo-random stream (mulberry32): the same seed gives the same numbers in any process. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  between(min: number, max: number): number;
  /** 32 lowercase hex digits, e.g. a new task id. */
  hex32(): string;
}

/** Folds a number or a string into a 32-bit seed (FNV-1a for strings). */
function seedToInt(seed: number | string): number {
  if (typeof seed === 'number' && Number.isFinite(seed)) return Math.trunc(seed) >>> 0;
  let hash = 0x811c9dc5;
  for (const char of String(seed)) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Two hex digits per byte value: an id of 32 digits is 16 lookups (a large scenario makes 100,000 run ids). */
const HEX_BYTE = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * @example
 * const random = seededRandom('demo', 'faults');   // one stream per purpose, so adding requests
 * random.between(20, 200);                          // of one kind does not shift the other
 */
export function seededRandom(seed: number | string, purpose = ''): SeededRandom {
  let state = (seedToInt(seed) ^ seedToInt(`purpose:${purpose}`)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    hex32: () => {
      let out = '';
      for (let i = 0; i < 4; i++) {
        const word = Math.floor(next() * 4294967296);
        out +=
          HEX_BYTE[word >>> 24]! +
          HEX_BYTE[(word >>> 16) & 255]! +
          HEX_BYTE[(word >>> 8) & 255]! +
          HEX_BYTE[word & 255]!;
      }
      return out;
    },
  };
}
