import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import { runCli } from '../helpers/cli.js';

// Issue 17, row "Garbage accepted silently": `spec gate --recordings` ignored malformed HAR entries.
// Each is now named in the console and the reports ("not checked"), while good entries are still judged.

const dir = await mkdtemp(join(tmpdir(), 'gate-recordings-'));
const recordings = join(dir, 'site');
await mkdir(recordings);
const empty = join(dir, 'empty');
await mkdir(empty);
const good = {
  request: { method: 'GET', url: 'https://host/arcgis/admin/system/tasks?f=json' },
  response: { status: 200, content: { mimeType: 'application/json', text: '{"result": "not a list"}' } },
};
const entries = [
  good,
  { request: { method: 'GET', url: 'https://host/arcgis/admin/system/tasks?f=json' } },
  'just a string',
  { ...good, request: { method: 'GET', url: 'not a url' } },
  { ...good, response: { ...good.response, status: 'two hundred' } },
];
await writeFile(join(recordings, 'traffic.har'), JSON.stringify({ log: { version: '1.2', entries } }));

describe('spec gate --recordings with malformed HAR entries', () => {
  it('names each malformed entry and still judges the good one', async () => {
    const markdown = join(dir, 'gate.md');
    const spec = defaultSpecPath();
    const result = await runCli([
      'spec',
      'gate',
      spec,
      spec,
      '--recordings',
      recordings,
      // the recordings alone (and the repository's pacts, always checked): the other artifacts are
      // test/spec-change/gate's, and judging them here twice over tripled this file's CPU time
      '--fixtures',
      empty,
      '--scenarios',
      join(dir, 'no-scenarios'),
      '--no-examples',
      '--report',
      `markdown:${markdown}`,
    ]);
    const notes = [
      'traffic.har #2 is a malformed HAR entry: it has no response object; not checked',
      'traffic.har #3 is a malformed HAR entry: it is not an object; not checked',
      'traffic.har #4 is a malformed HAR entry: its request.url is not a URL; not checked',
      'traffic.har #5 is a malformed HAR entry: its response.status is not an HTTP status; not checked',
    ];
    for (const note of notes) expect(result.stdout).toContain(note);
    expect(await readFile(markdown, 'utf8')).toContain(notes[0]);
    // the good entry (a task list that is not one) is judged: broken under both versions, so no regression
    expect(result.stdout).toMatch(/recording\s+1 checked/);
    expect(result.code).toBe(0);
  });
});
