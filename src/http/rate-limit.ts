/**
 * A cap on requests per second, shared by every request of one transport whatever the
 * concurrency: a token bucket that holds one token, refilled every `1 / maxRps` seconds. Each
 * request waits for the token; the next refill is counted from the moment a request was let go,
 * never from when it should have been, so a stalled event loop cannot make up for lost time in a
 * burst. The first request also waits one interval: `n` requests take at least `n / maxRps`
 * seconds, so requests divided by the run's duration never exceeds the cap.
 *
 * @example
 * const limiter = new RateLimiter(20); // at most 20 requests per second
 * await limiter.take();                // then send
 */
export class RateLimiter {
  private readonly intervalMs: number;
  private readonly waiting: (() => void)[] = [];
  private lastRelease: number;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly maxRps: number) {
    if (!(maxRps > 0) || !Number.isFinite(maxRps))
      throw new RangeError(`maxRps must be a positive number, not ${maxRps}`);
    this.intervalMs = 1000 / maxRps;
    this.lastRelease = performance.now();
  }

  /** Resolves when this request may go. */
  take(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  private pump(): void {
    if (this.timer !== undefined || this.waiting.length === 0) return;
    const wait = this.lastRelease + this.intervalMs - performance.now();
    if (wait > 0) {
      // timers may fire a fraction of a millisecond early: round up, and check again when it fires
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, Math.ceil(wait));
      return;
    }
    this.lastRelease = performance.now();
    this.waiting.shift()!();
    this.pump();
  }
}
