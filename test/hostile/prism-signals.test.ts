import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/package-root.js';
import { CLI_PATH } from '../helpers/cli.js';

// issue 17 (Medium) / issue 19 item 4: `mock --engine prism` stopped by a signal during start-up left
// Prism serving and its tasks-contract-prism-* folder behind. Each case gives the CLI a temp folder of
// its own (TMPDIR), signals it at one point of start-up, found by events (output, a folder, a process),
// and checks that no process still names that folder and that the folder is empty.

let tmp: string;
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** Processes whose command line names `text` (Prism's command line holds its spec file's path). */
function processesNaming(text: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

let stderr = '';

function startCli(): ChildProcess {
  tmp = mkdtempSync(join(tmpdir(), 'prism-signal-test-'));
  const child = spawn(process.execPath, [CLI_PATH, 'mock', '--engine', 'prism', '--port', '0'], {
    cwd: packageRoot(),
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return child;
}

/** Resolves once `test` holds, checking whenever the event loop turns (no verdict depends on the time taken). */
async function until(test: () => boolean, child: ChildProcess): Promise<void> {
  while (!test()) {
    if (child.exitCode !== null) throw new Error(`the CLI ended before the point of start-up was reached: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function expectNothingLeft(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  expect(processesNaming(tmp)).toEqual([]);
  expect(readdirSync(tmp).filter((name) => name.startsWith('tasks-contract-prism-'))).toEqual([]);
}

describe('mock --engine prism ends Prism and its temp folder on a signal at any point of start-up', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s as soon as the CLI runs (before Prism is spawned)', async (signal) => {
    const child = startCli();
    await once(child, 'spawn');
    child.kill(signal);
    await expectNothingLeft(child);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s once the temp folder exists (while Prism is spawned and starts)',
    async (signal) => {
      const child = startCli();
      await until(() => readdirSync(tmp).some((name) => name.startsWith('tasks-contract-prism-')), child);
      child.kill(signal);
      await expectNothingLeft(child);
    },
    60_000,
  );

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s once Prism runs but does not answer yet',
    async (signal) => {
      const child = startCli();
      await until(() => processesNaming(join(tmp, 'tasks-contract-prism-')).length > 0, child);
      child.kill(signal);
      await expectNothingLeft(child);
    },
    60_000,
  );

  it('SIGTERM after Prism is ready', async () => {
    const child = startCli();
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    await until(() => stdout.includes('Ctrl+C stops'), child);
    expect(processesNaming(join(tmp, 'tasks-contract-prism-')).length).toBeGreaterThan(0);
    child.kill('SIGTERM');
    await expectNothingLeft(child);
    expect(stdout).toContain('stopped (SIGTERM)');
  }, 90_000);
});
