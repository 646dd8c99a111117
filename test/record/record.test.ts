import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loadContractCached } from '../../src/contract/load.js';
import { writeFixtureDirectory } from '../../src/fixtures/directory.js';
import { generateFixtureSet } from '../../src/fixtures/fixture-set.js';
import { startMockServer } from '../../src/mock/start.js';
import { CaptureRedaction } from '../../src/record/capture-redaction.js';
import { harEntry } from '../../src/record/har.js';
import { Pseudonyms } from '../../src/record/pseudonyms.js';
import { formsOf, REDACTED_STORED_PASSCODE } from '../../src/redaction/index.js';
import { verify } from '../../src/verify/engine.js';
import { runCli } from '../helpers/cli.js';
import { type Json, type SeedServerOptions, startSeedServer } from '../verify/helpers/seed-server.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
const dir = await mkdtemp(join(tmpdir(), 'record-'));
const env = {
  TASKS_CONTRACT_TOKEN: '',
  TASKS_CONTRACT_USERNAME: '',
  TASKS_CONTRACT_PASSWORD: '',
  TASKS_CONTRACT_ID_KEY: '',
};
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

/**
 * A site at its own context (`/site42/admin`), in front of a seed server at `/arcgis/admin`: the
 * proxy rewrites the context both ways, sets a session cookie and echoes the token in a header.
 * It counts the requests it sees, so a test can prove record never writes.
 */
async function startSite(
  seed: SeedServerOptions,
  extras: { cookie?: string } = {},
): Promise<{ adminUrl: string; origin: string; seen: string[] }> {
  const upstream = await startSeedServer(seed);
  closers.push(() => upstream.close());
  const target = new URL(upstream.adminUrl);
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const path = (req.url ?? '/').replace(/^\/site42\//, '/arcgis/');
    const forward = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path, headers: req.headers },
      (answer) => {
        const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
        const headers: Record<string, string | string[]> = {
          'content-type': String(answer.headers['content-type'] ?? ''),
          'x-echo-token': token,
        };
        if (extras.cookie) headers['set-cookie'] = [`AGS_SESSION=${extras.cookie}; Path=/site42; HttpOnly`];
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          // "SITE/" in an answer stands for the site's own origin (a run's output link, say)
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(Buffer.concat(chunks).toString('utf8').split('SITE/').join(`${origin}/`));
        });
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { adminUrl: `${origin}/site42/admin`, origin, seen };
}

/** `tasks-contract record` of a site with the seed server's token. */
function recordSite(adminUrl: string, out: string, ...extra: string[]) {
  const args = ['record', '--base-url', adminUrl, '--token', 'seed-token-0123456789', '--out', out, '--timeout', '30'];
  return runCli([...args, ...extra], { env });
}

/** A token of the mock's administrator. */
async function mockToken(tokenUrl: string): Promise<string> {
  const body = new URLSearchParams({ username: 'admin', password: 'admin', f: 'json' });
  return ((await (await fetch(tokenUrl, { method: 'POST', body })).json()) as { token: string }).token;
}

async function filesIn(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(root, path), await readFile(path, 'utf8'));
  }
  return out;
}

/** Every way a secret can be written down in a text file: each encoding of SECRET_ENCODINGS. */
const encodings = (secret: string): string[] => formsOf(secret);

const isBackup = (task: Json) => task['taskType'] === 'CreateBackup';

describe('tasks-contract record -> mock --fixtures -> verify', () => {
  let recording: string;
  let site: Awaited<ReturnType<typeof startSite>>;
  let result: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    site = await startSite({});
    recording = join(dir, 'clean');
    result = await recordSite(site.adminUrl, recording);
  });

  it('records the tasks, their runs and the list, reads only, and says the recording is clean', async () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('site version 11.4; 3 tasks, 1 runs;');
    expect(result.stdout).toContain('every recorded document honours the contract');
    const files = [...(await filesIn(recording)).keys()].sort();
    expect(files).toEqual([
      'meta.json',
      'runs/2a1ba86743414f929c0c1f38b32f1c9c.json',
      'tasks.json',
      'tasks/05422480f3014101a467314182f5d858.json',
      'tasks/2a1ba86743414f929c0c1f38b32f1c9c.json',
      'tasks/5f0cdc50cf36460990bb6edfe9b60e08.json',
      'traffic.har',
    ]);
    expect(
      site.seen.every((line) => line.startsWith('GET ') && !/\/(update|delete|enable|disable|createTask)\b/.test(line)),
    ).toBe(true);
    const meta = JSON.parse(await readFile(join(recording, 'meta.json'), 'utf8')) as Json;
    expect(meta).toMatchObject({ generator: 'arcgis-tasks-contract/record@1', siteVersion: '11.4' });
  });

  it('replays: verify against the mock serving the recording exits 0', async () => {
    const mock = await startMockServer({ port: 0, fixturesDir: recording });
    try {
      const token = await mockToken(mock.tokenUrl);
      const outcome = await verify({
        contract: await loadContractCached(),
        baseUrl: mock.adminUrl,
        token,
        timeoutMs: 30_000,
      });
      expect(outcome.findings).toEqual([]);
      expect(outcome.errors).toEqual([]);
      expect(outcome.meta.tasks).toBe(3);
      expect(outcome.meta.runs).toBe(1);
      expect(outcome.meta.siteVersion).toBe('11.4'); // the recording's own version, at the mock's admin root
    } finally {
      await mock.close();
    }
  });

  it('writes traffic.har that validates against the HAR 1.2 schema', async () => {
    // har-schema: the HAR 1.2 spec as JSON Schema (draft-06), one schema per object, ajv-formats for its formats
    const load = createRequire(import.meta.url);
    const schemas = load('har-schema') as Record<string, object>;
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addMetaSchema(load('ajv/dist/refs/json-schema-draft-06.json') as object);
    addFormats(ajv);
    for (const schema of Object.values(schemas)) ajv.addSchema(schema);
    const har = JSON.parse(await readFile(join(recording, 'traffic.har'), 'utf8')) as { log: { entries: Json[] } };
    const valid = ajv.validate('har.json#', har);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(har.log.entries.length).toBe(9); // the admin root, the list, 3 tasks, 3 run lists, 1 run
  });
});

describe('redaction at capture time', () => {
  const canary = {
    token: 'CANARY-token-9f8e7d6c5b4a',
    password: 'CANARY-password-1a2b3c4d',
    session: 'CANARY-session-0f1e2d3c',
    ciphertext: 'Q0FOQVJZY2lwaGVydGV4dDEyMzQ=',
    plaintext: 'CANARY-plain-passcode-77',
    ownerId: 'c076e404cec9497488f008fc5b83e6fa',
    backupOwner: 'f4630325200d48d3bd1c763e6d0dd904',
    orgId: '0123456789ABCDEF',
  };
  let recording: string;
  let site: Awaited<ReturnType<typeof startSite>>;
  let result: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    const leaky: SeedServerOptions = {
      token: canary.token,
      user: { username: 'recorder', password: canary.password },
      mutateTask: (task: Json) => {
        task['taskTitle'] = `${String(task['taskTitle'])} by recorder/${canary.password} ${canary.token}`;
        if (isBackup(task)) (task['parameters'] as Json)['passcode'] = `{crypt}${canary.ciphertext}`;
        if (task['taskType'] === 'BackupRetentionCleaner') task['parameters'] = { passcode: canary.plaintext };
        return task;
      },
      // the run's output link names the site itself (and, carelessly, the token)
      mutateRun: (run: Json) => ({ ...run, url: `SITE/site42/admin/system/tasks/x/runs/y?token=${canary.token}` }),
    };
    site = await startSite(leaky, { cookie: canary.session });
    recording = join(dir, 'leaky');
    result = await runCli(['record', '--base-url', site.adminUrl, '--out', recording, '--timeout', '30'], {
      env: { ...env, TASKS_CONTRACT_USERNAME: 'recorder', TASKS_CONTRACT_PASSWORD: canary.password },
    });
  });

  it('leaves no secret, id, host or context in any recorded file, in any encoding', async () => {
    expect(result.stderr).toBe('');
    const files = await filesIn(recording);
    expect(files.size).toBeGreaterThan(4);
    const port = new URL(site.origin).port;
    const leaks: string[] = [];
    for (const [file, text] of files) {
      for (const [name, secret] of Object.entries(canary))
        for (const form of encodings(secret)) if (text.includes(form)) leaks.push(`${file}: ${name} as ${form}`);
      if (text.includes(`:${port}`)) leaks.push(`${file}: the site's port`);
      if (text.includes('site42')) leaks.push(`${file}: the site's context`);
    }
    expect(leaks).toEqual([]);
  });

  it('masks by position in the HAR: query, headers, cookies; keeps {crypt}; pseudonymizes ids consistently', async () => {
    const files = await filesIn(recording);
    const har = JSON.parse(files.get('traffic.har')!) as {
      log: { entries: { request: Json; response: { cookies: Json[]; headers: Json[]; content: { text: string } } }[] };
    };
    const entries = har.log.entries;
    expect(entries.every((e) => String(e.request['url']).startsWith('http://127.0.0.1:4010/arcgis/admin'))).toBe(true);
    expect(entries.every((e) => String(e.request['url']).includes('token=********'))).toBe(true);
    expect(entries.every((e) => e.response.cookies.every((c) => c['value'] === '********'))).toBe(true);
    const echoed = entries.flatMap((e) => e.response.headers).filter((h) => h['name'] === 'x-echo-token');
    expect(echoed.every((h) => h['value'] === '********')).toBe(true);
    const backup = JSON.parse(files.get('tasks/5f0cdc50cf36460990bb6edfe9b60e08.json')!) as Json;
    expect((backup['parameters'] as Json)['passcode']).toBe(REDACTED_STORED_PASSCODE);
    const ids = new Pseudonyms();
    expect(backup['ownerId']).toBe(ids.of(canary.backupOwner));
    expect(backup['orgId']).toBe(ids.of(canary.orgId));
    expect(backup['orgId']).toMatch(/^[0-9A-F]{16}$/);
    const runs = JSON.parse(files.get('runs/2a1ba86743414f929c0c1f38b32f1c9c.json')!) as { result: Json[] };
    expect((runs.result[0]!['task'] as Json)['ownerId']).toBe(ids.of(canary.ownerId));
    expect(runs.result[0]!['url']).toBe('http://127.0.0.1:4010/arcgis/admin/system/tasks/x/runs/y?token=********');
    expect(result.stdout).toContain('the site answered 1 plaintext passcode(s)');
  });

  it('reports each recorded document that breaks the contract, one line each, and exits 1', () => {
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /tasks\/05422480f3014101a467314182f5d858\.json: \/parameters\/passcode is not a property the contract allows.* \(rule (unevaluated|additional)Properties\)/,
    );
    expect(result.stdout).toMatch(/\(invariant passcode-stored-encrypted\)/);
  });

  it('masks tokens and the password in a POST form and its headers (postData)', () => {
    const capture = new CaptureRedaction({
      site: { origin: 'https://gis.example.com', context: 'portal' },
      secrets: [canary.token, canary.password],
    });
    const entry = harEntry(
      {
        startedDateTime: new Date(0).toISOString(),
        time: 5,
        request: {
          method: 'POST',
          url: 'https://gis.example.com/portal/admin/system/tasks/createTask',
          headers: {
            authorization: `Bearer ${canary.token}`,
            'x-esri-authorization': `Bearer ${canary.token}`,
            cookie: `AGS_SESSION=${canary.session}; theme=dark`,
            referer: 'https://gis.example.com/portal/home',
          },
          body: new URLSearchParams({
            token: canary.token,
            password: canary.password,
            parameters: JSON.stringify({ passcode: canary.plaintext, name: 'nightly' }),
            f: 'json',
          }).toString(),
        },
        response: undefined,
        fault: { kind: 'reset', message: 'connection reset' },
      },
      capture,
    );
    const text = JSON.stringify(entry);
    for (const secret of Object.values(canary)) for (const form of encodings(secret)) expect(text).not.toContain(form);
    expect(text).not.toContain('gis.example.com');
    expect(entry.request.url).toBe('http://127.0.0.1:4010/arcgis/admin/system/tasks/createTask');
    expect(entry.request.cookies).toEqual([
      { name: 'AGS_SESSION', value: '********' },
      { name: 'theme', value: '********' },
    ]);
    expect(entry.request.headers.find((h) => h.name === 'authorization')?.value).toBe('Bearer ********');
    const form = new URLSearchParams(entry.request.postData?.text);
    expect(form.get('token')).toBe('********');
    expect(form.get('password')).toBe('********');
    expect(JSON.parse(form.get('parameters')!)).toEqual({ passcode: '********', name: 'nightly' });
    expect(entry.response.status).toBe(0);
  });
});

describe('the mock and fixture directories', () => {
  it('refuses a recording that breaks the contract unless --allow-invalid-fixtures', async () => {
    const site = await startSite({
      mutateTask: (task: Json) => (isBackup(task) ? { ...task, taskState: 'suspended' } : task),
    });
    const recording = join(dir, 'drifted');
    const recorded = await recordSite(site.adminUrl, recording, '--keep-ids');
    expect(recorded.code).toBe(1);
    expect(recorded.stdout).toContain(
      'tasks/5f0cdc50cf36460990bb6edfe9b60e08.json: /taskState must be one of "active", "paused"; got "suspended" [variant CreateBackup] (rule enum)',
    );
    const task = JSON.parse(
      await readFile(join(recording, 'tasks/5f0cdc50cf36460990bb6edfe9b60e08.json'), 'utf8'),
    ) as Json;
    expect(task['ownerId']).toBe('f4630325200d48d3bd1c763e6d0dd904'); // --keep-ids

    const refused = await runCli(['mock', '--port', '0', '--fixtures', recording], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /breaks the contract in 2 place\(s\), first tasks\.json \/result\/1\/taskState \(enum\).*--allow-invalid-fixtures/,
    );

    const mock = await startMockServer({ port: 0, fixturesDir: recording, allowInvalidFixtures: true });
    try {
      const token = await mockToken(mock.tokenUrl);
      const served = (await (
        await fetch(`${mock.adminUrl}/system/tasks/5f0cdc50cf36460990bb6edfe9b60e08?f=json&token=${token}`)
      ).json()) as Json;
      expect(served['taskState']).toBe('suspended');
    } finally {
      await mock.close();
    }
  });

  it('serves a directory that fixtures --out wrote', async () => {
    const set = generateFixtureSet({ seed: 5, tasksPerType: 1, runsPerTask: 2 });
    const fixtures = join(dir, 'generated');
    await writeFixtureDirectory(fixtures, set);
    const mock = await startMockServer({ port: 0, fixturesDir: fixtures });
    try {
      const state = (await (await fetch(`${mock.url}/__mock/state`)).json()) as {
        tasks: Json[];
        runs: Record<string, Json[]>;
      };
      expect(state.tasks.map((t) => t['taskId'])).toEqual(set.tasks.map((t) => t.taskId));
      expect(Object.values(state.runs).flat()).toHaveLength(Object.values(set.runs).flat().length);
    } finally {
      await mock.close();
    }
  });
});
