import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { packageRoot } from '../src/contract/package-root.js';
import { DEFAULT_JOURNAL_SIZE } from '../src/mock/index.js';
import {
  CONNECTIONS,
  type Contender,
  type Load,
  load,
  median,
  medianCpu,
  mockTokenAndTask,
  pinThisProcessToCpu0,
  ROUNDS,
  SECONDS,
  type Started,
  start,
  stop,
  WARM_UP_SECONDS,
} from './mock.js';
import { type BenchRow, printRows } from './report.js';

// What the request journal costs: the embedded mock with its journal on (the default, 10,000
// entries) and off (--journal-size 0), in the same run, on the same loads (GET one task with the
// token in the query; POST it with the token in the form body, which the journal masks), loaded in
// alternating slices and compared by their medians, as in the mock benchmark. Then memory: a fresh
// mock with its journal on, its RSS after 20,000 and after 200,000 requests (the ring is full after
// 10,000, so memory should stay flat), and a mock with its journal off after as many, for scale.

const FEW = 20_000;
const MANY = 200_000;

interface Target {
  readonly url: string;
  readonly post: autocannon.Request;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

function mock(name: string, journalSize: number): Contender {
  const root = packageRoot();
  return {
    name,
    args: (port) => [join(root, 'dist/bench/peers/embedded-mock.js'), String(port), String(journalSize)],
    probe: (base) => `${base}/arcgis/admin/system/tasks?f=json`,
    target: async (base) => base,
  };
}

/** A token and a task of the mock; the GET URL and the POST request of both loads. */
async function targetOf(base: string): Promise<Target> {
  const { token, taskId } = await mockTokenAndTask(base);
  const url = `${base}/arcgis/admin/system/tasks/${taskId}`;
  return {
    url: `${url}?f=json&token=${encodeURIComponent(token)}`,
    post: {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ f: 'json', token }).toString(),
    },
  };
}

/** The answers must be the same bytes with the journal on and off, and the journal must be what it says. */
async function checkAnswers(on: Target, off: Target, onBase: string, offBase: string): Promise<void> {
  const body = async (url: string) => (await fetch(url)).text();
  const [a, b] = [await body(on.url), await body(off.url)];
  if (a !== b || !a.includes('"taskType":"CreateBackup"')) throw new Error('journal on and off answer differently');
  const count = (await (await fetch(`${onBase}/__mock/requests/count`)).json()) as { count?: number };
  const offAnswer = (await (await fetch(`${offBase}/__mock/requests/count`)).json()) as { error?: { code: number } };
  if (!(count.count! > 0) || offAnswer.error?.code !== 409)
    throw new Error('the journal is not on in one and off in the other');
}

async function requests(url: string, amount: number): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, amount });
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors,
    cpuUsPerRequest: Number.NaN,
  };
}

function failIfFailed(label: string, loads: readonly Load[]): void {
  const failures = loads.reduce((sum, l) => sum + l.failures, 0);
  if (failures > 0) throw new Error(`${label}: ${failures} failed answers`);
}

export async function runJournalBench(): Promise<void> {
  pinThisProcessToCpu0();
  const on: Started = await start(mock('journal on', DEFAULT_JOURNAL_SIZE));
  const off: Started = await start(mock('journal off', 0));
  const [onTarget, offTarget] = [await targetOf(on.url), await targetOf(off.url)];
  await load(onTarget.url, WARM_UP_SECONDS);
  await load(offTarget.url, WARM_UP_SECONDS);
  const slices = { getOn: [] as Load[], getOff: [] as Load[], postOn: [] as Load[], postOff: [] as Load[] };
  // on first in even rounds, off first in odd ones: whatever a slice leaves behind weighs on both alike
  for (let round = 0; round < ROUNDS; round++) {
    const pairs = [
      async () => slices.getOn.push(await load(onTarget.url, SECONDS, {}, on.child.pid)),
      async () => slices.getOff.push(await load(offTarget.url, SECONDS, {}, off.child.pid)),
      async () => slices.postOn.push(await load(onTarget.url, SECONDS, onTarget.post, on.child.pid)),
      async () => slices.postOff.push(await load(offTarget.url, SECONDS, offTarget.post, off.child.pid)),
    ];
    const order = round % 2 === 0 ? [0, 1, 2, 3] : [1, 0, 3, 2];
    for (const i of order) await pairs[i]!();
  }
  await checkAnswers(onTarget, offTarget, on.url, off.url);
  await stop(on);
  await stop(off);
  for (const [label, loads] of Object.entries(slices)) failIfFailed(label, loads);

  // memory: fresh servers, so the figures are not those of a server that has served millions
  const memory = async (contender: Contender) => {
    const server = await start(contender);
    const { url } = await targetOf(server.url);
    const loads = [await requests(url, FEW)];
    const few = rssMb(server.child.pid!);
    loads.push(await requests(url, MANY - FEW));
    const many = rssMb(server.child.pid!);
    await stop(server);
    failIfFailed(`${contender.name} memory`, loads);
    return { few, many };
  };
  const memoryOn = await memory(mock('journal on', DEFAULT_JOURNAL_SIZE));
  const memoryOff = await memory(mock('journal off', 0));

  const rps = (loads: Load[]) => median(loads).requestsPerSecond;
  const cpu = (loads: Load[]) => medianCpu(loads);
  process.stdout.write(
    `\n== journal: the mock with its journal on (${DEFAULT_JOURNAL_SIZE.toLocaleString('en-US')} entries) and off, median of ${ROUNDS} alternating slices of ${SECONDS} s\n` +
      `rounds, req/s: GET on ${slices.getOn.map((l) => Math.round(l.requestsPerSecond)).join(', ')}; off ${slices.getOff.map((l) => Math.round(l.requestsPerSecond)).join(', ')}\n` +
      `rounds, mock CPU µs per request: GET on ${slices.getOn.map((l) => l.cpuUsPerRequest.toFixed(1)).join(', ')}; off ${slices.getOff.map((l) => l.cpuUsPerRequest.toFixed(1)).join(', ')}; POST on ${slices.postOn.map((l) => l.cpuUsPerRequest.toFixed(1)).join(', ')}; off ${slices.postOff.map((l) => l.cpuUsPerRequest.toFixed(1)).join(', ')}\n` +
      `rounds, req/s: POST on ${slices.postOn.map((l) => Math.round(l.requestsPerSecond)).join(', ')}; off ${slices.postOff.map((l) => Math.round(l.requestsPerSecond)).join(', ')}\n` +
      `RSS MB after ${FEW.toLocaleString('en-US')} / ${MANY.toLocaleString('en-US')} requests: journal on ${memoryOn.few.toFixed(1)} / ${memoryOn.many.toFixed(1)}; off ${memoryOff.few.toFixed(1)} / ${memoryOff.many.toFixed(1)}\n`,
  );
  const goal = '>= 0.90x: the journal costs at most 10%';
  const rows: BenchRow[] = [
    {
      name: `GET one task, token in query, ${CONNECTIONS} conn.`,
      ours: rps(slices.getOn),
      peer: rps(slices.getOff),
      unit: 'req/s',
      higherIsBetter: true,
      peerName: 'journal off',
      goal,
    },
    {
      name: `POST one task, token in form, ${CONNECTIONS} conn.`,
      ours: rps(slices.postOn),
      peer: rps(slices.postOff),
      unit: 'req/s',
      higherIsBetter: true,
      peerName: 'journal off',
      goal,
    },
    {
      name: 'mock CPU per GET (steadier than req/s)',
      ours: cpu(slices.getOn),
      peer: cpu(slices.getOff),
      unit: 'µs',
      higherIsBetter: false,
      peerName: 'journal off',
      goal,
    },
    {
      name: 'mock CPU per POST (steadier than req/s)',
      ours: cpu(slices.postOn),
      peer: cpu(slices.postOff),
      unit: 'µs',
      higherIsBetter: false,
      peerName: 'journal off',
      goal,
    },
    {
      name: `RSS after ${MANY.toLocaleString('en-US')} requests, journal on`,
      ours: memoryOn.many,
      peer: memoryOn.few,
      unit: 'MB',
      higherIsBetter: false,
      peerName: `after ${FEW.toLocaleString('en-US')}`,
      goal: '>= 0.91x: within 10% of after 20,000',
    },
    {
      name: `RSS after ${MANY.toLocaleString('en-US')} requests`,
      ours: memoryOn.many,
      peer: memoryOff.many,
      unit: 'MB',
      higherIsBetter: false,
      peerName: 'journal off',
    },
  ];
  printRows('journal: request journal on vs off, same mock, same loads', rows);
}
