import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../src/contract/package-root.js';
import { startMockServer } from '../../../src/mock/start.js';
import { runCli } from '../../helpers/cli.js';
import type { Spec } from '../diff/spec-copies.js';

type Json = Record<string, unknown>;

/** The committed default fixture set. */
export async function defaultFixtures(): Promise<{ tasks: Json[]; runs: Record<string, Json[]> }> {
  return JSON.parse(await readFile(join(packageRoot(), 'mocks', 'fixtures', 'default.json'), 'utf8'));
}

/** The retention unit of a CreateBackup task, or undefined. */
export function retentionType(task: unknown): string | undefined {
  return (task as { parameters?: { metaData?: { retention?: { type?: string } } } }).parameters?.metaData?.retention
    ?.type;
}

/** Writes a spec object as YAML-compatible JSON under `dir`. */
export async function writeSpec(dir: string, name: string, spec: Spec): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(spec, null, 1));
  return path;
}

/**
 * A folder of scenarios as issue 9 lays them out: inline `tasks` and `runs`, plus keys the gate ignores.
 * `with-day` holds the default set's CreateBackup tasks (one keeps backups for days); `without-day` only the others.
 */
export async function writeScenarios(dir: string): Promise<string> {
  const { tasks, runs } = await defaultFixtures();
  const scenarios = join(dir, 'scenarios');
  await mkdir(scenarios, { recursive: true });
  const backups = tasks.filter((t) => t['taskType'] === 'CreateBackup');
  const others = tasks.filter((t) => t['taskType'] !== 'CreateBackup');
  const scenario = (list: Json[]) => ({
    description: 'written by the gate test',
    clock: { start: '2025-06-01T00:00:00Z' },
    generate: [{ type: 'CleanGPJobs', count: 2 }],
    tasks: list,
    runs: Object.fromEntries(list.map((t) => [t['taskId'], runs[t['taskId'] as string] ?? []])),
    outcomes: { default: 'succeeded' },
  });
  await writeFile(join(scenarios, 'with-day.json'), JSON.stringify(scenario(backups)));
  await writeFile(join(scenarios, 'without-day.json'), JSON.stringify(scenario(others)));
  return scenarios;
}

/**
 * A recordings folder: `tasks-contract fixtures --out` (CreateBackup tasks with runs) and a HAR of real
 * exchanges with the embedded mock, token in the URL as ArcGIS clients send it.
 */
export async function writeRecordings(dir: string): Promise<{ dir: string; token: string }> {
  const recordings = join(dir, 'recordings');
  const made = await runCli([
    'fixtures',
    '--type',
    'CreateBackup',
    '--count',
    '6',
    '--seed',
    '11',
    '--runs',
    '1',
    '--out',
    recordings,
  ]);
  if (made.code !== 0) throw new Error(`fixtures --out failed: ${made.stderr}`);
  const mock = await startMockServer({ port: 0 });
  try {
    const form = new URLSearchParams({ ...mock.credentials, f: 'json' });
    const tokenAnswer = await (await fetch(mock.tokenUrl, { method: 'POST', body: form })).text();
    const { token } = JSON.parse(tokenAnswer) as { token: string };
    const { tasks } = await defaultFixtures();
    const paths = [
      '/system/tasks',
      ...tasks.map((t) => `/system/tasks/${t['taskId']}`),
      '/system/tasks/00000000000000000000000000000000/nope',
    ];
    const entries: unknown[] = [];
    for (const path of paths) {
      const url = `${mock.adminUrl}${path}?f=json&token=${token}`;
      const response = await fetch(url);
      entries.push({
        request: { method: 'GET', url, headers: [], queryString: [] },
        response: {
          status: response.status,
          headers: [],
          content: { mimeType: response.headers.get('content-type') ?? '', text: await response.text() },
        },
      });
    }
    entries.push({
      request: {
        method: 'POST',
        url: mock.tokenUrl,
        postData: { mimeType: 'application/x-www-form-urlencoded', text: form.toString() },
      },
      response: { status: 200, content: { mimeType: 'application/json', text: tokenAnswer } },
    });
    await writeFile(join(recordings, 'traffic.har'), JSON.stringify({ log: { version: '1.2', entries } }));
    return { dir: recordings, token };
  } finally {
    await mock.close();
  }
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
