import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { packageRoot } from '../src/contract/package-root.js';
import { freePort } from '../src/mock/index.js';
import { printRows } from './report.js';

// `npm run bench start`: how long `npm start` takes to serve its first token once `npm ci` has
// built dist/ (goal < 1 s), beside the compiled CLI started directly (the floor) and the old
// `npm start`, which compiled the TypeScript every time (the peer). Each is a fresh process tree,
// timed from spawn to the first token; the median of ROUNDS starts counts.

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

interface Way {
  readonly name: string;
  readonly command: (port: number) => [string, ...string[]];
}

const ways: Way[] = [
  { name: 'npm start', command: (port) => ['npm', 'start', '--silent', '--', '--port', String(port)] },
  {
    name: 'node dist/src/cli/main.js mock',
    command: (port) => [process.execPath, 'dist/src/cli/main.js', 'mock', '--port', String(port)],
  },
  {
    name: 'tsc, then the CLI (the old npm start)',
    command: (port) => [
      'sh',
      '-c',
      `node node_modules/typescript/bin/tsc -p tsconfig.build.json && node dist/src/cli/main.js mock --port ${port}`,
    ],
  },
];

/** Seconds from spawn to the first token the started mock issues. */
async function firstToken(way: Way): Promise<number> {
  const port = await freePort();
  const [file, ...args] = way.command(port);
  const began = performance.now();
  // its own process group, so that npm, the shell and node all stop together
  const child = spawn(file, args, { cwd: packageRoot(), stdio: 'ignore', detached: true });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${way.name} exited with ${child.exitCode} before answering`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/arcgis/sharing/rest/generateToken`, {
          method: 'POST',
          body: new URLSearchParams({ username: 'admin', password: 'admin', f: 'json' }),
        });
        if (typeof ((await res.json()) as { token?: unknown }).token === 'string') break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    return (performance.now() - began) / 1000;
  } finally {
    const exited = once(child, 'exit');
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runStartBench(): Promise<void> {
  const seconds = new Map<string, number[]>();
  // alternate the ways round by round, so that a busy moment of the machine hits all of them
  for (let round = 0; round < ROUNDS; round++) {
    for (const way of ways) seconds.set(way.name, [...(seconds.get(way.name) ?? []), await firstToken(way)]);
  }
  const [npmStart, cli, old] = ways.map((way) => median(seconds.get(way.name)!)) as [number, number, number];
  process.stdout.write(
    `\n== start: spawn to first token, median of ${ROUNDS} (${[...seconds].map(([n, s]) => `${n}: ${s.map((v) => v.toFixed(2)).join(', ')}`).join('; ')})\n`,
  );
  printRows('start: npm start on a built dist/ vs the old npm start (tsc every time)', [
    {
      name: 'time to first token',
      ours: npmStart,
      peer: old,
      unit: 's',
      higherIsBetter: false,
      peerName: 'old npm start',
      goal: 'ours < 1 s',
    },
  ]);
  printRows('start: npm start vs the compiled CLI started directly (the floor)', [
    { name: 'time to first token', ours: npmStart, peer: cli, unit: 's', higherIsBetter: false, peerName: 'CLI' },
  ]);
}
