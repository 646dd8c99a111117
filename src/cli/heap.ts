import { setFlagsFromString } from 'node:v8';

/** How far V8 may grow the heap past what a collection left alive, in percent (V8's own default is up to 300). */
const HEAP_GROWING_PERCENT = 30;

/**
 * Keeps a long command's memory flat. verify allocates about 0.7 GB per 1,000 tasks, nearly all of
 * it short-lived, while what it keeps alive stays at ~20 MB whatever the number of tasks. Left
 * alone, V8 lets the heap grow to up to 4x the live size between full collections, later the
 * longer a run lasts, so peak RSS climbed with the size of the site (180 MB at 1,000 tasks, 230+
 * MB at 5,000) although nothing more was kept. A bounded growing factor makes full collections a
 * little more frequent and the peak the same at any size. `--heap-growing-percent` is read at every
 * collection, so setting it here takes effect; a value the user gave node (NODE_OPTIONS or a flag)
 * wins.
 */
export function keepHeapFlat(): void {
  const given = [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].some((flag) =>
    /heap[-_]growing[-_]percent/.test(flag),
  );
  if (!given) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
