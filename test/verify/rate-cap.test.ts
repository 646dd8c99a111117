import { describe, expect, it } from '@jest/globals';
import { verifySeed } from './helpers/verify-seed.js';

// --max-rps measured where it matters, on the server: the times at which the requests arrived.
// No verdict waits on a wall-clock budget: a request cannot arrive before it was sent, so the
// last arrival minus the moment verify began is a lower bound that load can only lengthen.

const MAX_RPS = 40;

describe('verify --max-rps', () => {
  it('never lets the site see more than the cap, whatever the concurrency', async () => {
    const arrivals: number[] = [];
    const began = performance.now();
    const { outcome } = await verifySeed(
      {
        respond: () => {
          arrivals.push(performance.now());
          return undefined;
        },
      },
      { maxRps: MAX_RPS, concurrency: 16, timeoutMs: 30_000 },
    );
    expect(outcome.findings.filter((f) => f.severity !== 'warning')).toEqual([]);
    expect(arrivals.length).toBe(outcome.meta.requests);
    // n requests at most MAX_RPS a second: the n-th cannot arrive before n / MAX_RPS seconds
    const secondsToLast = (Math.max(...arrivals) - began) / 1000;
    expect(secondsToLast).toBeGreaterThanOrEqual(arrivals.length / MAX_RPS);
    // and the report states the count, the cap and a rate within it
    expect(outcome.meta.maxRps).toBe(MAX_RPS);
    expect(outcome.meta.requestsPerSecond).toBeGreaterThan(0);
    expect(outcome.meta.requestsPerSecond).toBeLessThanOrEqual(MAX_RPS);
  });
});
