import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { userGaveNodeFlag } from './node-flags.js';

/** How far V8 may grow the heap past what a collection left alive, in percent (V8's own default is up to 300). */
const HEAP_GROWING_PERCENT = 30;

/**
 * The young generation's size at which it stops growing: what a 1,000-task verify reaches anyway
 * (two semi-spaces of 8 MiB). V8's largest is 32 MiB, which the mock reached under load: its peak RSS
 * was 91 MB with it and 81 MB at 16 MiB (the library's mock in a process of its own), at the same CPU per request (three alternating runs).
 */
const YOUNG_GENERATION_BYTES = 16 * 1024 * 1024;

function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * Keeps a long command's memory flat. verify allocates about 0.7 GB per 1,000 tasks, nearly all of
 * it short-lived, while what it keeps alive stays at ~20 MB whatever the number of tasks. Left
 * alone, V8 lets the heap grow to up to 4x the live size between full collections, later the
 * longer a run lasts, so peak RSS climbed with the size of the site (180 MB at 1,000 tasks, 230+
 * MB at 5,000) although nothing more was kept. A bounded growing factor makes full collections a
 * little more frequent and the peak the same at any size. `--heap-growing-percent` is read at every
 * collection, so setting it here takes effect.
 *
 * The young generation doubles each time as much as it holds has survived its collections since it
 * last grew: a long run always reached V8's largest, 32 MiB, 16 MiB more than a 1,000-task run (peak
 * RSS at 5,000 tasks: 122 MB with it, 110-114 MB without). Its largest size is fixed at start-up, but
 * the growth factor is read at each growth: once it reaches `YOUNG_GENERATION_BYTES`, a factor of 1
 * keeps it there. Flags the user gave node win.
 *
 * Used by the long-running commands (verify, the mock) when they own the process: in a worker thread
 * the command runs inside someone else's program (a test runner's in-process CLI), whose heap and V8
 * flags are not the command's to set.
 */
export function keepHeapFlat(): void {
  if (!isMainThread) return;
  if (!userGaveNodeFlag(/heap[-_]growing[-_]percent/))
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  if (userGaveNodeFlag(/semi[-_]space/)) return;
  // it grows only at a collection: looked at after each one, it is stopped before the next growth
  const observer = new PerformanceObserver(() => {
    if (youngGenerationBytes() < YOUNG_GENERATION_BYTES) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
}
