import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { clock, ProgressLine, type ProgressStream } from '../../src/cli/progress.js';
import { startMockServer } from '../../src/mock/index.js';
import { CLI_PATH, runCli } from '../helpers/cli.js';

/** A stream that records what is written; a TTY of `columns` or not one at all. */
function stream(isTTY: boolean, columns = 200): ProgressStream & { text: string } {
  const recorded = { text: '', isTTY, columns, write: (chunk: string) => (recorded.text += chunk) };
  return recorded;
}

describe('ProgressLine', () => {
  it('shows done/total, percent, rate and ETA on one line rewritten in place, and clears it at the end', () => {
    let now = 0;
    const tty = stream(true);
    const progress = new ProgressLine('verify', 'tasks', tty, { now: () => now });
    progress.update({ done: 0, total: 0, detail: '1 requests, 0 findings' });
    expect(tty.text).toBe('\r\x1b[2Kverify  0:00 elapsed  (1 requests, 0 findings)');
    now = 2000;
    progress.update({ done: 50, total: 1250 });
    expect(tty.text.endsWith('\r\x1b[2Kverify  50/1,250 tasks  4%  25 tasks/s  ETA 0:48')).toBe(true);
    now = 2050; // within the interval: skipped
    progress.update({ done: 51, total: 1250 });
    expect(tty.text).not.toContain('51/');
    now = 3000;
    progress.update({ done: 1250, total: 1250 });
    expect(tty.text.endsWith('1,250/1,250 tasks  100%  417 tasks/s  0:03 elapsed')).toBe(true);
    progress.finish();
    expect(tty.text.endsWith('\r\x1b[2K')).toBe(true);
    expect(tty.text.split('\n')).toHaveLength(1); // never a new line
  });

  it('writes nothing at all to a stream that is not a TTY', () => {
    const pipe = stream(false);
    const progress = new ProgressLine('verify', 'tasks', pipe);
    progress.update({ done: 1, total: 2 });
    progress.finish();
    expect(pipe.text).toBe('');
  });

  it('fits the terminal width, so that \\r rewrites the whole line', () => {
    const narrow = stream(true, 30);
    new ProgressLine('verify', 'tasks', narrow, { now: () => 1000 }).update({
      done: 1,
      total: 3,
      detail: 'x'.repeat(80),
    });
    expect(narrow.text.replace('\r\x1b[2K', '')).toHaveLength(29);
    expect(clock(3725)).toBe('1:02:05');
  });
});

/** Runs the CLI on a pseudo-terminal (`script`: stdout and stderr are TTYs there); what the terminal showed. */
async function onTerminal(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const command = [process.execPath, CLI_PATH, ...args].map((part) => `'${part}'`).join(' ');
  const script = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let shown = '';
  script.stdout.setEncoding('utf8').on('data', (chunk: string) => (shown += chunk));
  expect(await once(script, 'close')).toEqual([0, null]);
  return shown;
}

describe('progress of tasks-contract verify', () => {
  it('is shown on a terminal, and is in neither the piped output nor the reports', async () => {
    const mock = await startMockServer({ port: 0, host: '127.0.0.1', tasks: 6, latency: { min: 5, max: 10 } });
    const dir = await mkdtemp(join(tmpdir(), 'progress-'));
    const env = {
      ...process.env,
      TASKS_CONTRACT_TOKEN: '',
      TASKS_CONTRACT_USERNAME: mock.credentials.username,
      TASKS_CONTRACT_PASSWORD: mock.credentials.password,
    };
    const args = ['verify', '--base-url', mock.adminUrl, '--concurrency', '2'];
    try {
      const shown = await onTerminal([...args, '--report', `json:${join(dir, 'tty.json')}`], env);
      expect(shown).toContain('\r\x1b[2Kverify  ');
      expect(shown).toMatch(/verify {2}\d+\/6 tasks {2}\d+% {2}[\d.]+ tasks\/s {2}ETA \d+:\d\d/);
      expect(shown).toContain('Conforms: no findings.');

      const piped = await runCli(
        [...args, '--report', `json:${join(dir, 'pipe.json')}`, '--report', `html:${join(dir, 'pipe.html')}`],
        {
          env,
        },
      );
      expect(piped.code).toBe(0);
      expect(piped.stderr).toBe('');
      for (const text of [
        piped.stdout,
        ...(await Promise.all(['tty.json', 'pipe.json', 'pipe.html'].map((f) => readFile(join(dir, f), 'utf8')))),
      ]) {
        expect(text).not.toContain('\x1b[2K');
        expect(text).not.toMatch(/ETA \d/);
      }
    } finally {
      await mock.close();
    }
  });
});

describe('progress of tasks-contract record', () => {
  it('is shown on a terminal, and is neither in the piped output nor in the recording', async () => {
    const mock = await startMockServer({ port: 0, host: '127.0.0.1', tasks: 4, clock: Date.now() });
    const dir = await mkdtemp(join(tmpdir(), 'progress-record-'));
    const env = {
      ...process.env,
      TASKS_CONTRACT_TOKEN: '',
      TASKS_CONTRACT_USERNAME: mock.credentials.username,
      TASKS_CONTRACT_PASSWORD: mock.credentials.password,
    };
    try {
      const shown = await onTerminal(['record', '--base-url', mock.adminUrl, '--out', join(dir, 'tty')], env);
      expect(shown).toContain('\r\x1b[2Krecord  ');
      expect(shown).toMatch(/record {2}\d+\/\d+ reads/);

      const piped = await runCli(['record', '--base-url', mock.adminUrl, '--out', join(dir, 'pipe')], { env });
      expect(piped.code).toBe(0);
      expect(`${piped.stdout}${piped.stderr}`).not.toContain('\x1b[2K');
      const har = await readFile(join(dir, 'tty', 'traffic.har'), 'utf8');
      expect(har).not.toContain('\x1b[2K');
    } finally {
      await mock.close();
    }
  });
});
