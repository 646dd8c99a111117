import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { packageRoot } from '../src/contract/package-root.js';
import {
  CONNECTIONS,
  type Contender,
  type Load,
  load,
  mockTokenAndTask,
  pinThisProcessToCpu0,
  ROUNDS,
  SECONDS,
  start,
  stop,
  WARM_UP_SECONDS,
} from './mock.js';
import { followLikeThePage } from './page-follower.js';

// The dashboard's cost to a busy mock: GET one task at 50 connections (autocannon, on CPU 0; the
// mock alone on CPU 1) in alternating slices of the same run, three ways:
// - none: no page open (the peer);
// - follower: a plain HTTP client that does what one page does to the mock (holds the change feed,
//   reads the view at most once a second, src/mock/ui/dashboard-client.js's rule): the page's cost
//   to the mock alone, the figure;
// - Chromium: one real page in headless Chromium. On two cores the browser must share a core with
//   the load generator or the mock; it runs on the load generator's (niced, it stalls: at nice 10
//   a busy core left it whole slices without one read), so its req/s also counts autocannon sharing its core.
// Each slice also gives the mock's CPU time per request, from /proc (its own work, whatever the
// neighbours take; it rises a little when req/s falls, as fewer requests share each loop turn).

const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Linux counts process CPU time in ticks of 10 ms (USER_HZ 100). */
const TICK_MS = 10;

/** CPU time (user + system) the process has used so far, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

interface Slice extends Load {
  readonly cpuUsPerRequest: number;
  /** Views the page (or the follower) read in the slice. */
  readonly reads: number;
}

/** One slice of load: req/s, and the mock's CPU time per request in it. */
async function measured(pid: number, url: string, reads: () => number = () => 0): Promise<Slice> {
  const before = cpuMs(pid);
  const readsBefore = reads();
  const result = await load(url, SECONDS);
  const requests = result.requestsPerSecond * SECONDS;
  return {
    ...result,
    cpuUsPerRequest: ((cpuMs(pid) - before) * 1000) / Math.max(1, requests),
    reads: reads() - readsBefore,
  };
}

async function withChromiumPage(browser: Browser, base: string, pid: number, url: string): Promise<Slice> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  let views = 0;
  page.on('requestfinished', (request) => {
    if (request.url().includes('/__mock/ui/view')) views++;
  });
  try {
    await page.goto(`${base}/__mock/ui`);
    await page.locator('#live', { hasText: 'Live.' }).waitFor({ timeout: 60_000 });
    await page.locator('#journal-rows tr').first().waitFor({ timeout: 60_000 });
    const slice = await measured(pid, url, () => views);
    return slice;
  } finally {
    await page.close();
  }
}

async function withFollower(base: string, pid: number, url: string): Promise<Slice> {
  const follower = await followLikeThePage(base);
  try {
    await follower.firstRead;
    const slice = await measured(pid, url, follower.reads);
    if (slice.reads === 0) throw new Error('the follower did not read the view once under load');
    return slice;
  } finally {
    await follower.stop();
  }
}

/** What one read of the view costs the mock with its journal full, idle otherwise (median of 21). */
async function oneViewMs(base: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const began = performance.now();
    await (await fetch(`${base}/__mock/ui/view`)).arrayBuffer();
    times.push(performance.now() - began);
  }
  return times.sort((x, y) => x - y)[10]!;
}

export async function runUiBench(): Promise<void> {
  pinThisProcessToCpu0(); // before the browser starts: it inherits the core
  const root = packageRoot();
  const ours: Contender = {
    name: 'embedded mock',
    args: (port) => [join(root, 'dist/bench/peers/embedded-mock.js'), String(port)],
    probe: (base) => `${base}/arcgis/admin/system/tasks?f=json`,
    target: async (base) => {
      const { token, taskId } = await mockTokenAndTask(base);
      return `${base}/arcgis/admin/system/tasks/${taskId}?f=json&token=${encodeURIComponent(token)}`;
    },
  };
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const m = await start(ours);
  const base = new URL(m.url).origin;
  const pid = m.child.pid!;
  const none: Slice[] = [];
  const follower: Slice[] = [];
  const page: Slice[] = [];
  let viewMs = Number.NaN;
  try {
    await load(m.url, WARM_UP_SECONDS);
    await oneViewMs(base); // the view's first reads load cronstrue and warm the read model up
    // none, follower, Chromium in each round, and one more none at the end: each with-slice is
    // set against the none slices either side of it, which cancels the shared machine's drift
    for (let round = 0; round < ROUNDS; round++) {
      none.push(await measured(pid, m.url));
      follower.push(await withFollower(base, pid, m.url));
      page.push(await withChromiumPage(browser, base, pid, m.url));
    }
    none.push(await measured(pid, m.url));
    if (page.every((s) => s.reads === 0)) throw new Error('the page in Chromium never read the view under load');
    viewMs = await oneViewMs(base);
  } finally {
    await stop(m);
    await browser.close();
  }
  const list = (slices: Slice[], of: (s: Slice) => number) => slices.map((s) => of(s).toFixed(0)).join(', ');
  const readsPerS = (slices: Slice[]) =>
    (slices.reduce((n, s) => n + s.reads, 0) / (slices.length * SECONDS)).toFixed(1);
  process.stdout.write(
    `\n== ui: the mock with a dashboard open vs none, GET one task at ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s slices (mock on CPU 1, autocannon on CPU 0)\n` +
      `req/s: none ${list(none, (s) => s.requestsPerSecond)}; follower ${list(follower, (s) => s.requestsPerSecond)}; ` +
      `Chromium ${list(page, (s) => s.requestsPerSecond)}\n` +
      `mock CPU µs per request: none ${list(none, (s) => s.cpuUsPerRequest)}; follower ${list(follower, (s) => s.cpuUsPerRequest)}; ` +
      `Chromium ${list(page, (s) => s.cpuUsPerRequest)}\n` +
      `view reads per second under load: follower ${readsPerS(follower)}, Chromium page ${readsPerS(page)}; failed answers: ` +
      `none ${list(none, (s) => s.failures)}; follower ${list(follower, (s) => s.failures)}; Chromium ${list(page, (s) => s.failures)}\n` +
      `one read of the view (journal full, mock idle): ${viewMs.toFixed(1)} ms, ${(viewMs / 10).toFixed(1)}% of a core at one read a second\n` +
      'follower: a plain client doing to the mock what one page does (the change feed, the view at most once a second): ' +
      "the page's cost to the mock alone\n" +
      "Chromium: one real page, on the load generator's core; its req/s also counts autocannon sharing that core with the browser\n" +
      "CPU per request: the mock's own CPU time over the requests it answered (/proc), whatever the neighbours take\n",
  );
  for (const [who, slices] of [
    ['follower', follower],
    ['Chromium', page],
  ] as const) {
    paired(`req/s, ${who} vs no page`, slices, none, (s) => s.requestsPerSecond, true);
    paired(`mock CPU per request, ${who} vs no page`, slices, none, (s) => s.cpuUsPerRequest, false);
  }
}

/**
 * Each with-slice against the mean of the none slices either side of it (> 1 when the page costs
 * nothing), and the median of those ratios: on a shared machine, neighbouring slices share its load.
 */
function paired(
  title: string,
  slices: Slice[],
  none: Slice[],
  of: (s: Slice) => number,
  higherIsBetter: boolean,
): void {
  const ratios = slices.map((s, i) => {
    const peer = (of(none[i]!) + of(none[i + 1]!)) / 2;
    return higherIsBetter ? of(s) / peer : peer / of(s);
  });
  const sorted = [...ratios].sort((a, b) => a - b);
  const mid =
    sorted.length % 2
      ? sorted[(sorted.length - 1) / 2]!
      : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  process.stdout.write(
    `${title.padEnd(44)} ratio ${mid.toFixed(2)}x  (per round ${ratios.map((r) => r.toFixed(2)).join(', ')}; goal >= 0.95x)\n`,
  );
}
