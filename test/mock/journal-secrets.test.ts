import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import { formsOf, MIN_FREE_TEXT_SECRET_LENGTH } from '../../src/redaction/index.js';
import { ADMIN } from './helpers.js';

// Canaries: secrets with characters that change under URL encoding and JSON escaping.
const PASSWORD = 'pässwörd "canary"/+&=%1';
const PASSCODE = 'pässcode "canary"/+&=%2';
const FAKE_TOKEN = 'tökén "canary"/+&=%3';

let mock: RunningMock;
let token: string;
const logged: string[] = [];

/** Every form a secret takes in text: each encoding of SECRET_ENCODINGS, the list the Redactor masks. */
const encodings = (secret: string): string[] => formsOf(secret);

/** Everything the journal and the log let out: the endpoint's JSON (compact and pretty), the code API, the lines. */
async function everythingRecorded(): Promise<string> {
  const compact = await (await fetch(`${mock.url}/__mock/requests`)).text();
  const pretty = await (await fetch(`${mock.url}/__mock/requests?f=pjson`)).text();
  return [compact, pretty, JSON.stringify(mock.requests()), ...logged].join('\n');
}

function expectNoSecret(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (const form of encodings(secret)) expect([secret, text.includes(form)]).toEqual([secret, false]);
  }
}

const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${mock.url}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers }).then((r) => r.text());

beforeAll(async () => {
  mock = await startMockServer({ port: 0, password: PASSWORD, logger: (line) => logged.push(line) });
  const answer = await post('/arcgis/sharing/rest/generateToken', { username: 'admin', password: PASSWORD, f: 'json' });
  token = (JSON.parse(answer) as { token: string }).token;
});
beforeEach(() => {
  mock.clearRequests();
  logged.length = 0;
});
afterAll(() => mock.close());

describe('secrets in the journal', () => {
  it('masks every secret wherever a client puts it, in every encoding', async () => {
    const parameters = {
      name: 'nightly',
      passcode: PASSCODE,
      storeName: 'default',
      metaData: { recurring: true, startTime: '03:00', retention: { type: 'day', value: 7 } },
    };
    const schedule = { minute: '0', hour: '3', dayOfMonth: '*', month: '*', dayOfWeek: '?' };
    await post('/arcgis/sharing/rest/generateToken', { username: 'admin', password: PASSWORD, f: 'json' });
    // the passcode in createTask's parameters, and again as the title (a copy in a field that is not secret)
    const created = await post(`${ADMIN}/system/tasks/createTask`, {
      f: 'json',
      token,
      type: 'CreateBackup',
      title: PASSCODE,
      parameters: JSON.stringify(parameters, null, 2),
      ...schedule,
    });
    const taskId = (JSON.parse(created) as { taskId: string }).taskId;
    // a key spelt with a \u escape, JSON inside a JSON string, JSON that does not parse
    await post(`${ADMIN}/system/tasks/${taskId}/update`, {
      f: 'json',
      token,
      parameters: `{"name":"nightly","pass\\u0063ode":${JSON.stringify(PASSCODE)}}`,
    });
    await post(`${ADMIN}/system/tasks/${taskId}/update`, {
      f: 'json',
      token,
      parameters: JSON.stringify({ name: 'nightly', description: JSON.stringify({ passcode: PASSCODE }) }),
    });
    await post(`${ADMIN}/system/tasks/${taskId}/update`, {
      f: 'json',
      token,
      parameters: `{"name": "nightly", "Passcode" : ${JSON.stringify(PASSCODE)}, `,
    });
    // a bad token in each transport, and in the path of an unmatched request
    const path = `${ADMIN}/system/tasks/${taskId}`;
    await fetch(`${mock.url}${path}?f=json&token=${encodeURIComponent(FAKE_TOKEN)}`);
    await post(path, { f: 'json', token: FAKE_TOKEN });
    await fetch(`${mock.url}${path}?f=json`, { headers: { 'X-Esri-Authorization': `Bearer ${token}` } });
    await fetch(`${mock.url}${path}?f=json`, { headers: { Authorization: `Bearer ${token}` } });
    await fetch(`${mock.url}${path}/${encodeURIComponent(token)}?f=json`, {
      headers: { Authorization: `Bearer ${token}` },
    });

    const entries = mock.requests();
    expect(entries).toHaveLength(10);
    expect(entries[0]!.form).toEqual({ username: 'admin', password: '********', f: 'json' });
    expect(entries[1]!.form['title']).toBe('********');
    expect(JSON.parse(entries[1]!.form['parameters']!)).toMatchObject({ name: 'nightly', passcode: '********' });
    expect(entries[1]!.form['parameters']).toContain('\n  "name": "nightly"'); // the text keeps its layout
    expect(entries[4]!.form['parameters']).toContain('"Passcode" : "********"');
    expect(entries.slice(5).map((e) => e.token)).toEqual([
      'query',
      'form',
      'x-esri-authorization',
      'authorization',
      'authorization',
    ]);
    expect(entries[9]!.path).toBe(`${path}/********`);
    expectNoSecret(await everythingRecorded(), [PASSWORD, PASSCODE, FAKE_TOKEN, token]);
  });

  it('masks the secrets of JSON behind any white space: a space, a line break, a no-break space, a byte order mark', async () => {
    const leads = [' ', '\n', '\u00a0', '\ufeff'];
    const secrets = leads.map((_, i) => `fresh pässcode canary ${i}`);
    for (const [i, lead] of leads.entries())
      await post(`${ADMIN}/system/tasks/createTask`, {
        f: 'json',
        token,
        type: 'CreateBackup',
        parameters: `${lead}{"name":"nightly","passcode":${JSON.stringify(secrets[i])}}`,
      });
    expect(mock.requests().map((entry) => entry.form['parameters'])).toEqual(
      leads.map((lead) => `${lead}{"name":"nightly","passcode":"********"}`),
    );
    expectNoSecret(await everythingRecorded(), secrets);
  });

  it('masks any secret a client sends, in any field that carries one (property)', async () => {
    // The marker characters keep a random secret from being a piece of the mock's own words. Free text
    // (the title) masks secrets of MIN_FREE_TEXT_SECRET_LENGTH characters or more, as every output does;
    // shorter ones are masked where they are secrets (fields, token parameters), tested below.
    const secret = fc.string({ minLength: MIN_FREE_TEXT_SECRET_LENGTH - 2, maxLength: 16 }).map((s) => `ç${s}§`);
    await fc.assert(
      fc.asyncProperty(secret, async (value) => {
        mock.clearRequests();
        logged.length = 0;
        await post('/arcgis/sharing/rest/generateToken', { username: 'admin', password: value, f: 'json' });
        await fetch(`${mock.url}${ADMIN}/system/tasks?f=json&token=${encodeURIComponent(value)}`);
        await post(`${ADMIN}/system/tasks?f=json`, { token: value, title: `before ${value} after` });
        await fetch(`${mock.url}${ADMIN}/system/tasks?f=json`, {
          headers: { 'X-Esri-Authorization': `Bearer ${encodeURIComponent(value)}` },
        });
        await post(`${ADMIN}/system/tasks/createTask`, {
          f: 'json',
          token,
          parameters: JSON.stringify({ name: 'n', passcode: value }),
        });
        expect(mock.requests()).toHaveLength(5);
        expectNoSecret(await everythingRecorded(), [value]);
      }),
      { numRuns: 25 },
    );
  });

  it("masks a short secret where it is a secret, and leaves the mock's own words alone", async () => {
    // `admin` is a password here and a path segment of every admin URL: the path must stay readable
    await post('/arcgis/sharing/rest/generateToken', { username: 'viewer', password: 'admin', f: 'json' });
    await fetch(`${mock.url}${ADMIN}/system/tasks?f=json&token=admin`);
    const [login, list] = mock.requests();
    expect(login!.form['password']).toBe('********');
    expect(list!.query['token']).toBe('********');
    expect(list!.path).toBe(`${ADMIN}/system/tasks`);
  });
});
