import { join } from 'node:path';
import autocannon from 'autocannon';
import { type Browser, chromium } from 'playwright-core';
import { packageRoot } from '../src/contract/package-root.js';
import { cpuMs } from './cpu-time.js';
import {
  CONNECTIONS,
  type Contender,
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

// The dashboard's cost to a busy mock: GET one task at 50 connections (autocannon on CPU 0, the
// mock alone on CPU 1), in slices of the same run, with three openers:
// - none: no page open (the peer);
// - follower: a plain HTTP client doing to the mock what one page does (holds the change feed,
//   reads the view at most once a second by src/mock/ui/dashboard-client.js's rule): the page's cost
//   to the mock alone;
// - Chromium: one real page in headless Chromium. On two cores it must share a core with the load
//   generator or the mock; it shares the load generator's, not niced (at nice 10 or 19 the busy
//   core left it whole slices without one read of the view).
// And two loads: as fast as autocannon goes (req/s; with Chromium it also counts autocannon sharing
// its core), and a fixed rate that both sustain, where the mock's CPU time a second, with against
// without, is the page's work in the mock whatever the requests' batching (at full speed fewer
// requests per loop turn cost more each, so CPU per request follows req/s).

const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** The fixed rate: below what the mock and autocannon reach together on a loaded two-core machine. */
const FIXED_RATE = Number(process.env['BENCH_UI_RATE'] ?? 1000);
interface Slice {
  readonly requestsPerSecond: number;
  readonly failures: number;
  /** The mock's CPU time a second in the slice, ms. */
  readonly cpuMsPerS: number;
  readonly cpuUsPerRequest: number;
  /** Views the page (or the follower) read in the slice. */
  readonly reads: number;
}

type Measure = (reads?: () => number) => Promise<Slice>;

function slicer(pid: number, url: string, rate?: number): Measure {
  return async (reads = () => 0) => {
    const before = cpuMs(pid);
    const readsBefore = reads();
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      ...(rate ? { overallRate: rate } : {}),
    });
    const cpu = cpuMs(pid) - before;
    const rps = result.requests.average;
    return {
      requestsPerSecond: rps,
      failures: result.non2xx + result.errors,
      cpuMsPerS: cpu / SECONDS,
      cpuUsPerRequest: (cpu * 1000) / Math.max(1, rps * SECONDS),
      reads: reads() - readsBefore,
    };
  };
}

/** One page in Chromium, live (the journal drawn), for the slices `measure` takes. */
async function withChromiumPage(browser: Browser, base: string, measures: Measure[]): Promise<Slice[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  let views = 0;
  page.on('requestfinished', (request) => {
    if (request.url().includes('/__mock/ui/view')) views++;
  });
  try {
    await page.goto(`${base}/__mock/ui`);
    await page.locator('#live', { hasText: 'Live.' }).waitFor({ timeout: 60_000 });
    await page.locator('#journal-rows tr').first().waitFor({ timeout: 60_000 });
    const slices: Slice[] = [];
    for (const measure of measures) slices.push(await measure(() => views));
    return slices;
  } finally {
    await page.close();
  }
}

async function withFollower(base: string, measures: Measure[]): Promise<Slice[]> {
  const follower = await followLikeThePage(base);
  try {
    await follower.firstRead;
    const slices: Slice[] = [];
    for (const measure of measures) slices.push(await measure(follower.reads));
    return slices;
  } finally {
    await follower.stop();
  }
}

/** The mock's CPU time for one read of the view with its journal full, otherwise idle (over 40 reads). */
async function oneViewCpuMs(base: string, pid: number): Promise<number> {
  const before = cpuMs(pid);
  for (let i = 0; i < 40; i++) await (await fetch(`${base}/__mock/ui/view`)).arrayBuffer();
  return (cpuMs(pid) - before) / 40;
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
  const fast = slicer(pid, m.url);
  const fixed = slicer(pid, m.url, FIXED_RATE);
  const none = { fast: [] as Slice[], fixed: [] as Slice[] };
  const follower = { fast: [] as Slice[], fixed: [] as Slice[] };
  const page = { fast: [] as Slice[], fixed: [] as Slice[] };
  const push = (into: typeof none, [a, b]: Slice[]) => {
    into.fast.push(a!);
    into.fixed.push(b!);
  };
  let viewCpuMs = Number.NaN;
  try {
    await load(m.url, WARM_UP_SECONDS);
    await oneViewCpuMs(base, pid); // the view's first reads load cronstrue and warm the read model up
    // none, follower, Chromium in each round, and one more none at the end: each with-slice is set
    // against the none slices either side of it, which cancels most of the shared machine's drift
    for (let round = 0; round < ROUNDS; round++) {
      push(none, [await fast(), await fixed()]);
      push(follower, await withFollower(base, [fast, fixed]));
      push(page, await withChromiumPage(browser, base, [fast, fixed]));
    }
    push(none, [await fast(), await fixed()]);
    if (page.fast.concat(page.fixed).every((s) => s.reads === 0))
      throw new Error('the page in Chromium never read the view under load');
    viewCpuMs = await oneViewCpuMs(base, pid);
  } finally {
    await stop(m);
    await browser.close();
  }
  const list = (slices: Slice[], of: (s: Slice) => number) => slices.map((s) => of(s).toFixed(0)).join(', ');
  const readsPerS = (slices: Slice[]) =>
    (slices.reduce((n, s) => n + s.reads, 0) / (slices.length * SECONDS)).toFixed(1);
  const out = (text: string) => process.stdout.write(`${text}\n`);
  out(
    `\n== ui: the mock with one dashboard open vs none, GET one task at ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s slices`,
  );
  out(
    "follower: a plain client doing to the mock what one page does (change feed, view at most once a second): the page's cost to the mock alone",
  );
  out(
    "Chromium: one real page on the load generator's core: at full speed its req/s also counts autocannon sharing that core",
  );
  for (const [load, key] of [
    ['full speed', 'fast'],
    [`fixed ${FIXED_RATE} req/s`, 'fixed'],
  ] as const) {
    out(
      `${load}: req/s none ${list(none[key], (s) => s.requestsPerSecond)}; follower ${list(follower[key], (s) => s.requestsPerSecond)}; Chromium ${list(page[key], (s) => s.requestsPerSecond)}`,
    );
    out(
      `${load}: mock CPU ms/s none ${list(none[key], (s) => s.cpuMsPerS)}; follower ${list(follower[key], (s) => s.cpuMsPerS)}; Chromium ${list(page[key], (s) => s.cpuMsPerS)}`,
    );
    out(
      `${load}: view reads/s follower ${readsPerS(follower[key])}, Chromium ${readsPerS(page[key])}; failed answers ${[none, follower, page].flatMap((o) => o[key]).reduce((n, s) => n + s.failures, 0)}`,
    );
  }
  out(`one read of the view (journal full, mock idle): ${viewCpuMs.toFixed(2)} ms of the mock's CPU`);
  // the page's own work in the mock, from its reads: steady against the neighbours' load, which
  // moves the slices' CPU and req/s by tens of percent on a shared machine
  const readsAtFullSpeed = follower.fast.reduce((n, s) => n + s.reads, 0) / (follower.fast.length * SECONDS);
  const pageShare = (readsAtFullSpeed * viewCpuMs) / 1000;
  out(
    `a page's work in the mock: ${readsAtFullSpeed.toFixed(1)} reads/s x ${viewCpuMs.toFixed(2)} ms = ${(pageShare * 100).toFixed(2)}% ` +
      `of a core; req/s of a mock saturating its core with a page open vs none: ${(1 - pageShare).toFixed(3)}x (goal >= 0.95x)`,
  );
  for (const [who, slices] of [
    ['follower', follower],
    ['Chromium', page],
  ] as const) {
    const speed = paired(slices.fast, none.fast, (s, peer) => s.requestsPerSecond / peer.requestsPerSecond);
    out(`req/s at full speed, ${who} vs none: ${speed}`);
    const perRequest = paired(slices.fixed, none.fixed, (s, peer) => peer.cpuUsPerRequest / s.cpuUsPerRequest);
    out(`mock CPU per request at ${FIXED_RATE} req/s, none / ${who}: ${perRequest}`);
    // the page's own CPU a second in the mock, out of the one core the mock has at full speed
    const capacity = paired(slices.fixed, none.fixed, (s, peer) => 1 - (s.cpuMsPerS - peer.cpuMsPerS) / 1000);
    out(`the mock's core left for requests with ${who} (1 - its extra CPU s/s at ${FIXED_RATE} req/s): ${capacity}`);
  }
}

/**
 * `ratio` of each with-slice against the mean of the none slices either side of it, and their
 * median: on a shared machine, neighbouring slices share its load.
 */
function paired(slices: Slice[], none: Slice[], ratio: (s: Slice, peer: Slice) => number): string {
  const ratios = slices.map((s, i) => {
    const [a, b] = [none[i]!, none[i + 1]!];
    const mean = (of: (x: Slice) => number) => (of(a) + of(b)) / 2;
    const peer: Slice = {
      requestsPerSecond: mean((x) => x.requestsPerSecond),
      failures: 0,
      cpuMsPerS: mean((x) => x.cpuMsPerS),
      cpuUsPerRequest: mean((x) => x.cpuUsPerRequest),
      reads: 0,
    };
    return ratio(s, peer);
  });
  const sorted = [...ratios].sort((x, y) => x - y);
  const half = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(half)]! : (sorted[half - 1]! + sorted[half]!) / 2;
  return `${median.toFixed(3)}x (rounds ${ratios.map((r) => r.toFixed(2)).join(', ')}; goal >= 0.95x)`;
}
