import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadContract, packageRoot } from '../../src/contract/index.js';
import { ContractValidator } from '../../src/validation/index.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Polls until Prism answers; fails when Prism ends first (no clock: a busy runner only makes it slower). */
async function waitForHttp(url: string, server: ChildProcess): Promise<void> {
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`Prism ended (${server.exitCode})`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const contract = await loadContract();
const validator = new ContractValidator(contract);
const taskPath = '/system/tasks/5f0cdc50cf36460990bb6edfe9b60e08';
let prism: ChildProcess | undefined;
let base = '';

// `prism mock spec/openapi.yaml` (the real Prism 5.14, the usual peer) must start on the contract and serve it.
describe('Prism on spec/openapi.yaml', () => {
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const bin = join(packageRoot(), 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
    prism = spawn(
      process.execPath,
      [bin, 'mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'silent', 'spec/openapi.yaml'],
      {
        cwd: packageRoot(),
        stdio: 'ignore',
      },
    );
    await waitForHttp(base, prism);
  });

  afterAll(() => {
    prism?.kill('SIGTERM');
  });

  it('serves a task that our validator accepts', async () => {
    const response = await fetch(`${base}${taskPath}?f=json&token=anything`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(
      validator.validateResponse(contract.operationsById.get('getTask')!, 200, 'application/json', body).violations,
    ).toEqual([]);
  });

  it('serves the named example asked for with Prefer: example=CreateBackup', async () => {
    const response = await fetch(`${base}${taskPath}?f=json&token=anything`, {
      headers: { Prefer: 'example=CreateBackup' },
    });
    expect(await response.json()).toMatchObject({
      taskType: 'CreateBackup',
      taskId: '5f0cdc50cf36460990bb6edfe9b60e08',
    });
  });

  it('enforces the security schemes: no token, no task', async () => {
    const response = await fetch(`${base}${taskPath}?f=json`);
    expect(response.status).toBe(401);
  });
});
