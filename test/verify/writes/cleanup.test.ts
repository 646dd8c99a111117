import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { obtainToken } from '../../../src/http/token-client.js';
import { type RunningMock, startMockServer } from '../../../src/mock/index.js';
import { CLI_PATH, runCli } from '../../helpers/cli.js';

// A write run killed mid-way (SIGKILL: no finally runs) leaves tasks behind; `verify --cleanup
// LEDGER` finishes the job and the task list is as it began.

let mock: RunningMock;
let token: string;
let dir: string;
let stall: Server;
let stallUrl: string;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, host: '127.0.0.1', clock: Date.now() });
  token = await obtainToken({ tokenUrl: mock.tokenUrl, ...mock.credentials, referer: mock.url });
  dir = mkdtempSync(join(tmpdir(), 'writes-ledger-'));
  // in front of the mock: a task delete never gets an answer, so the run is killed with a task left
  stall = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === 'POST' && /\/system\/tasks\/[^/]+\/delete$/.test(req.url ?? '')) return;
    const answer = await fetch(`${mock.url}${req.url}`, {
      method: req.method ?? 'GET',
      headers: { 'content-type': String(req.headers['content-type'] ?? 'text/plain') },
      ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
    });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  stall.listen(0, '127.0.0.1');
  await new Promise((resolve) => stall.once('listening', resolve));
  stallUrl = `http://127.0.0.1:${(stall.address() as AddressInfo).port}/arcgis/admin`;
});
afterAll(async () => {
  stall.closeAllConnections();
  stall.close();
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

async function taskIds(): Promise<string[]> {
  const response = await fetch(`${mock.adminUrl}/system/tasks?f=json&token=${encodeURIComponent(token)}`);
  const body = (await response.json()) as { result: { taskId: string }[] };
  return body.result.map((task) => task.taskId).sort();
}

/** Resolves with the ledger's path once it names a created task (on each change of the directory). */
function ledgerWithATask(): Promise<string> {
  return new Promise((resolve) => {
    const look = () => {
      for (const name of readdirSync(dir).filter(
        (n) => n.startsWith('tasks-contract-writes-') && n.endsWith('.json'),
      )) {
        try {
          const ledger = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { taskIds: string[] };
          if (ledger.taskIds.length > 0) {
            watcher.close();
            resolve(join(dir, name));
            return;
          }
        } catch {
          // written while read: the next change event looks again
        }
      }
    };
    const watcher = watch(dir, look);
  });
}

describe('verify --cleanup LEDGER', () => {
  it('after a crash mid-run, deletes what the run created: the list ends as it began', async () => {
    const before = await taskIds();
    const child = spawn(
      process.execPath,
      [
        CLI_PATH,
        'verify',
        '--base-url',
        stallUrl,
        '--token',
        token,
        '--allow-writes',
        '--seed',
        '3',
        '--timeout',
        '120',
      ],
      { env: { ...process.env, TMPDIR: dir }, stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const ledger = await ledgerWithATask();
    child.kill('SIGKILL');
    await exited;
    expect(await taskIds()).not.toEqual(before);
    // the ledger names the stalling proxy; --base-url points the cleanup at the server itself
    const result = await runCli(['verify', '--cleanup', ledger, '--token', token, '--base-url', mock.adminUrl]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/done; .* removed/);
    expect(result.code).toBe(0);
    expect(await taskIds()).toEqual(before);
    expect(readdirSync(dir).filter((n) => n.endsWith('.json'))).toEqual([]);
  }, 120_000);

  it('on Ctrl+C, stops after the case in flight, deletes what it created and exits 130', async () => {
    const before = await taskIds();
    const child = spawn(
      process.execPath,
      [CLI_PATH, 'verify', '--base-url', mock.adminUrl, '--token', token, '--allow-writes', '--seed', '5'],
      { env: { ...process.env, TMPDIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await ledgerWithATask();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stdout).toMatch(/INTERRUPTED; everything created was deleted/);
    expect(await taskIds()).toEqual(before);
    expect(readdirSync(dir).filter((n) => n.endsWith('.json'))).toEqual([]);
  }, 120_000);

  it('says in one line what is wrong with a file that is not a ledger', async () => {
    const result = await runCli(['verify', '--cleanup', CLI_PATH, '--token', token, '--base-url', mock.adminUrl]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
