import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../../src/mock/seeded-random.js';

// Ids the mock makes are part of what a seed reproduces: hex32 must stay the four 32-bit draws of
// next(), each as eight hex digits, however it is computed.
describe('seededRandom', () => {
  it('hex32 is four draws of next() as eight lowercase hex digits each, the same for the same seed', () => {
    const ids = seededRandom('ids-check', 'ids');
    const draws = seededRandom('ids-check', 'ids');
    for (let i = 0; i < 2_000; i++) {
      const expected = [0, 1, 2, 3]
        .map(() =>
          Math.floor(draws.next() * 4294967296)
            .toString(16)
            .padStart(8, '0'),
        )
        .join('');
      expect(ids.hex32()).toBe(expected);
    }
    expect(seededRandom(7, 'ids').hex32()).toMatch(/^[0-9a-f]{32}$/);
    expect(seededRandom(7, 'ids').hex32()).toBe(seededRandom(7, 'ids').hex32());
  });
});
