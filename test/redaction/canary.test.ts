// The canary corpus: a real local server echoes the password, the token and a session cookie in
// every encoding of SECRET_ENCODINGS (as values, as keys, in JSON, HTML and headers), and record,
// verify (every report format), pact verify and the mock's journal must show none of them anywhere.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import { formsOf, SECRET_ENCODINGS } from '../../src/redaction/index.js';
import { runCli } from '../helpers/cli.js';

const PASSWORD = `Cn&ry p@ss/wd<"7'+=é`;
const COOKIE = 'ckSESSION4d2e9f1a7b';
const PASSCODE = 'plain-passcode-91ab';
const env = { TASKS_CONTRACT_TOKEN: '', TASKS_CONTRACT_USERNAME: '', TASKS_CONTRACT_PASSWORD: '' };
const SLOW = { timeoutMs: 240_000 };

const dir = await mkdtemp(join(tmpdir(), 'redaction-canary-'));
let upstream: RunningMock;
let proxy: Server;
let base: string;
/** Every token the mock issued, as seen passing through the proxy (not verify's deliberately invalid one). */
const tokens = new Set<string>();
const INVALID_PROBE_TOKEN = 'tasks-contract-invalid-token';

/** Each secret in every encoding, under the encoding's name: the echo a leaky server adds. */
function echoes(secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  secrets.forEach((secret, i) => {
    for (const encoding of SECRET_ENCODINGS) out[`s${i}-${encoding.name}`] = encoding.encode(secret);
  });
  return out;
}

const secretsOf = (token: string | undefined) => (token ? [PASSWORD, COOKIE, token] : [PASSWORD, COOKIE]);

/** A JSON answer made leaky: echoes in a member, the token as a key, the passcode in plaintext. */
function leaky(value: unknown, path: string, token: string | undefined): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const doc = value as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...doc, canary: echoes(secretsOf(token)) };
  if (token) copy[token] = 'the token as a key';
  if (Array.isArray(doc['result'])) copy['result'] = doc['result'].map((item) => leaky(item, path, token));
  if (typeof doc['parameters'] === 'object' && doc['parameters'] !== null && 'passcode' in doc['parameters'])
    copy['parameters'] = { ...(doc['parameters'] as object), passcode: PASSCODE };
  if (path.endsWith('/disable') && doc['status'] === 'success')
    copy['status'] = JSON.stringify(echoes(secretsOf(token)));
  return copy;
}

beforeAll(async () => {
  upstream = await startMockServer({ port: 0, password: PASSWORD });
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://proxy');
      const presented = url.searchParams.get('token') ?? new URLSearchParams(body).get('token') ?? undefined;
      const sent = presented === INVALID_PROBE_TOKEN ? undefined : presented;
      if (sent) tokens.add(sent);
      const answer = await fetch(`${upstream.url}${req.url}`, {
        method: req.method ?? 'GET',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        ...(req.method === 'POST' ? { body } : {}),
      });
      let text = await answer.text();
      const type = answer.headers.get('content-type') ?? 'application/json';
      const isTokenCall = url.pathname.endsWith('/generateToken');
      if (isTokenCall) {
        const issued = (JSON.parse(text) as { token?: string }).token;
        if (issued) tokens.add(issued);
      } else if (type.includes('json')) {
        try {
          text = JSON.stringify(leaky(JSON.parse(text), url.pathname, sent));
        } catch {
          // not JSON after all: served as it came
        }
      } else {
        const echoed = Object.values(echoes(secretsOf(sent))).join(' ');
        text = `${text}<p>${echoed}</p><a href="?token=${sent ?? ''}">again</a>`;
      }
      res.writeHead(answer.status, {
        'content-type': type,
        'set-cookie': `AGS_SESSION=${COOKIE}; Path=/arcgis; HttpOnly`,
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await upstream.close();
});

/** Every form of every secret met so far (the tokens issued, the password, the cookie, the passcode) found in `text`. */
function leaksIn(text: string): string[] {
  return [PASSWORD, COOKIE, ...tokens, PASSCODE].flatMap((secret) =>
    formsOf(secret)
      .filter((form) => form.length >= 5 && text.includes(form))
      .map((form) => `${secret.slice(0, 4)}…: ${form}`),
  );
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')),
  );
}

const credentials = () => ['--username', upstream.credentials.username, '--password', PASSWORD];

/** Each case runs a whole command over the canary corpus: more than the suite's one budget on a busy runner. */
const BUDGET_MS = 300_000;

describe('the canary corpus: no secret in any encoding in any output', () => {
  it(
    'verify: console, JSON, HTML and JUnit reports',
    async () => {
      const reports = ['json', 'html', 'junit'].map((format) => `${format}:${join(dir, `verify.${format}`)}`);
      const result = await runCli(
        ['verify', '--base-url', `${base}/arcgis/admin`, ...credentials(), ...reports.flatMap((r) => ['--report', r])],
        { env, ...SLOW },
      );
      expect(tokens.size).toBeGreaterThan(0);
      expect(result.code).toBe(1); // the plaintext passcode is a security finding
      const outputs = [result.stdout, result.stderr, ...(await filesUnder(dir)).filter(Boolean)];
      expect(outputs.join('\n')).toContain('********');
      expect(leaksIn(outputs.join('\n'))).toEqual([]);
    },
    BUDGET_MS,
  );

  it(
    'record: the fixture directory, traffic.har and the console; it exits 1 and says the site leaked',
    async () => {
      const out = join(dir, 'recording');
      const result = await runCli(['record', '--base-url', `${base}/arcgis/admin`, ...credentials(), '--out', out], {
        env,
        ...SLOW,
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/the site's documents held secrets \d+ time\(s\)/);
      expect(result.stdout).not.toContain('every recorded document honours the contract\n');
      const files = await filesUnder(out);
      const har = JSON.parse(await readFile(join(out, 'traffic.har'), 'utf8')) as {
        log: { entries: { response: { statusText: string; headers: { name: string; value: string }[] } }[] };
      };
      const answered = har.log.entries.filter((entry) => entry.response.headers.length > 0);
      expect(answered.length).toBeGreaterThan(0);
      expect(answered[0]!.response.statusText).not.toBe('');
      expect(answered[0]!.response.headers).toContainEqual({
        name: 'set-cookie',
        value: 'AGS_SESSION=********; Path=/arcgis; HttpOnly',
      });
      expect(leaksIn([result.stdout, result.stderr, ...files].join('\n'))).toEqual([]);
    },
    BUDGET_MS,
  );

  it(
    'pact verify: console, JSON, HTML and JUnit reports',
    async () => {
      const reports = ['json', 'html', 'junit'].map((format) => `${format}:${join(dir, `pact.${format}`)}`);
      const result = await runCli(
        [
          'pact',
          'verify',
          'contracts/pacts/OpsScript-ArcGISEnterpriseAdmin.json',
          '--base-url',
          base,
          ...credentials(),
          ...reports.flatMap((r) => ['--report', r]),
        ],
        { env, ...SLOW },
      );
      expect(result.code).toBe(1); // the disable answer's status is the echoes, not "success"
      const outputs = [
        result.stdout,
        result.stderr,
        ...(await Promise.all(reports.map((r) => readFile(r.slice(r.indexOf(':') + 1), 'utf8')))),
      ];
      expect(leaksIn(outputs.join('\n'))).toEqual([]);
    },
    BUDGET_MS,
  );

  it(
    "the mock's journal, as the mock serves it and as the library reads it",
    async () => {
      const login = new URLSearchParams({ username: upstream.credentials.username, password: PASSWORD, f: 'json' });
      const issued = (await (await fetch(upstream.tokenUrl, { method: 'POST', body: login })).json()) as {
        token: string;
      };
      const token = issued.token;
      tokens.add(token);
      const echo = echoes([PASSWORD, token]);
      const form = new URLSearchParams({ f: 'json', password: PASSWORD, token, ...echo });
      // the token in the path and the query (a URL under the mock's 8 KiB limit), every echo in a form body
      const short = new URLSearchParams({ f: 'json', token, echo: echo['s1-base64@1']! });
      await fetch(`${upstream.url}/arcgis/admin/system/tasks/${encodeURIComponent(token)}?${short}`);
      await fetch(`${upstream.url}/arcgis/admin/system/tasks/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
        body: form.toString(),
      });
      const served = await (await fetch(`${upstream.url}/__mock/requests`)).text();
      const read = JSON.stringify(upstream.requests());
      expect(served).toContain('********');
      expect(leaksIn(served)).toEqual([]);
      expect(leaksIn(read)).toEqual([]);
    },
    BUDGET_MS,
  );
});
