import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { packageRoot } from '../src/contract/package-root.js';
import {
  CONNECTIONS,
  type Contender,
  type Load,
  load,
  median,
  mockTokenAndTask,
  pinThisProcessToCpu0,
  ROUNDS,
  SECONDS,
  start,
  stop,
  WARM_UP_SECONDS,
} from './mock.js';
import { printRows } from './report.js';

// The dashboard's cost to a busy mock: GET one task at 50 connections with one dashboard page open
// (real headless Chromium following the change feed, re-reading the view up to 4 times a second
// while every request changes the journal) against the same mock with no page open, in alternating
// slices of the same run. The browser runs on the load generator's core, the mock on its own.

const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Linux counts process CPU time in ticks of 10 ms (USER_HZ 100). */
const TICK_MS = 10;

/** CPU time (user + system) the process has used so far, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/**
 * One slice of load, and the mock's CPU time per request in it: on a shared machine req/s swings
 * with the neighbours' load, while CPU per request counts only the mock's own work.
 */
async function measured(pid: number, url: string): Promise<Load & { cpuUsPerRequest: number }> {
  const before = cpuMs(pid);
  const result = await load(url, SECONDS);
  const requests = result.requestsPerSecond * SECONDS;
  return { ...result, cpuUsPerRequest: ((cpuMs(pid) - before) * 1000) / Math.max(1, requests) };
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
  const without: (Load & { cpuUsPerRequest: number })[] = [];
  const withPage: (Load & { cpuUsPerRequest: number })[] = [];
  let views = 0;
  let viewMs = Number.NaN;
  try {
    await load(m.url, WARM_UP_SECONDS);
    for (let round = 0; round < ROUNDS; round++) {
      without.push(await measured(pid, m.url));
      const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('request', (request) => {
        if (request.url().includes('/__mock/ui/view')) views++;
      });
      await page.goto(`${base}/__mock/ui`);
      await page.locator('#live', { hasText: 'Live.' }).waitFor({ timeout: 30_000 });
      withPage.push(await measured(pid, m.url));
      await page.close();
    }
    // what one read of the view costs the mock with its journal full, idle otherwise: the page reads it 4 times a second at most
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const began = performance.now();
      await (await fetch(`${base}/__mock/ui/view`)).arrayBuffer();
      times.push(performance.now() - began);
    }
    viewMs = times.sort((x, y) => x - y)[10]!;
  } finally {
    await stop(m);
    await browser.close();
  }
  const a = median(withPage);
  const b = median(without);
  const cpu = (loads: { cpuUsPerRequest: number }[]) =>
    [...loads].sort((x, y) => x.cpuUsPerRequest - y.cpuUsPerRequest)[Math.floor(loads.length / 2)]!.cpuUsPerRequest;
  process.stdout.write(
    `\n== ui: rounds, req/s: with a dashboard open ${withPage.map((l) => Math.round(l.requestsPerSecond)).join(', ')}; ` +
      `without ${without.map((l) => Math.round(l.requestsPerSecond)).join(', ')}; ` +
      `the pages read the view ${views} times (${(views / (ROUNDS * SECONDS)).toFixed(1)}/s); ` +
      `mock CPU µs per request with ${withPage.map((l) => l.cpuUsPerRequest.toFixed(0)).join(', ')}; ` +
      `without ${without.map((l) => l.cpuUsPerRequest.toFixed(0)).join(', ')}\n` +
      `one read of the view (journal full, mock idle): ${viewMs.toFixed(1)} ms; at 4 reads/s at most ` +
      `${((viewMs * 4) / 10).toFixed(1)}% of one core\n`,
  );
  printRows('ui: the mock with one dashboard page open (Chromium, live over SSE) vs no page', [
    {
      name: `GET one task, ${CONNECTIONS} connections`,
      ours: a.requestsPerSecond,
      peer: b.requestsPerSecond,
      unit: 'req/s',
      higherIsBetter: true,
      peerName: 'no page',
      goal: '>= 0.95x',
    },
    {
      name: 'mock CPU time per request',
      ours: cpu(withPage),
      peer: cpu(without),
      unit: 'µs',
      higherIsBetter: false,
      peerName: 'no page',
      goal: '>= 0.95x',
    },
    {
      name: 'p99 latency',
      ours: a.p99Ms,
      peer: b.p99Ms,
      unit: 'ms',
      higherIsBetter: false,
      peerName: 'no page',
    },
  ]);
}
