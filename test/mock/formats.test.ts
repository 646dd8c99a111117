import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { generateFixtureSet } from '../../src/fixtures/index.js';
import { ADMIN, mock, tokenFor } from './helpers.js';

const fixtures = generateFixtureSet({ seed: 5, tasksPerType: 1, runsPerTask: 1 });
const hostile = fixtures.tasks.find((t) => t.taskType === 'CleanGPJobs')!;
hostile.taskTitle = '<script>alert("x")</script> & \'co\'';
const accented = fixtures.tasks.find((t) => t.taskType === 'CreateBackup')!;
accented.taskTitle = 'Sauvegarde d’été ✓ 🗄️';
const server = mock({ fixtures });
let token: string;
beforeAll(async () => {
  token = await tokenFor(server);
});

describe('the f parameter', () => {
  it('f=json counts the bytes of text that is not ASCII, for a task and for the list', async () => {
    const one = await request(server).get(`${ADMIN}/system/tasks/${accented.taskId}?f=json&token=${token}`);
    expect(one.text).toBe(JSON.stringify(accented));
    expect(Number(one.headers['content-length'])).toBe(Buffer.byteLength(one.text));
    const list = await request(server).get(`${ADMIN}/system/tasks?f=json&token=${token}`);
    expect(list.body.result).toContainEqual(accented);
    expect(Number(list.headers['content-length'])).toBe(Buffer.byteLength(list.text));
  });

  it('f=json is compact and f=pjson pretty, with the same content', async () => {
    const json = await request(server).get(`${ADMIN}/system/tasks/${hostile.taskId}?f=json&token=${token}`);
    const pjson = await request(server).get(`${ADMIN}/system/tasks/${hostile.taskId}?f=pjson&token=${token}`);
    expect(json.text).toBe(JSON.stringify(hostile));
    expect(pjson.text).toBe(JSON.stringify(hostile, null, 2));
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it.each([
    ['absent', ''],
    ['html', '&f=html'],
    ['HTML', '&f=HTML'],
  ])('f %s answers the admin directory page, everything escaped', async (_label, f) => {
    const res = await request(server).get(`${ADMIN}/system/tasks/${hostile.taskId}?token=${token}${f}`);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('ArcGIS Enterprise Administrator Directory');
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    expect(res.text).toContain(`href="/arcgis/admin/system/tasks/${hostile.taskId}/runs"`);
    expect(res.text).toContain(`href="/arcgis/admin/system/tasks/${hostile.taskId}/disable"`);
  });

  it('the task list page links every task', async () => {
    const res = await request(server).get(`${ADMIN}/system/tasks?token=${token}`);
    for (const task of fixtures.tasks) expect(res.text).toContain(`href="/arcgis/admin/system/tasks/${task.taskId}"`);
  });

  it('errors stay JSON envelopes whatever f says (pretty for pjson)', async () => {
    const html = await request(server).get(`${ADMIN}/system/tasks`);
    expect(JSON.parse(html.text)).toEqual({ error: { code: 499, message: 'Token Required.', details: [] } });
    const pjson = await request(server).get(`${ADMIN}/system/tasks?f=pjson`);
    expect(pjson.text).toBe(JSON.stringify({ error: { code: 499, message: 'Token Required.', details: [] } }, null, 2));
  });

  it('the admin root and system pages lead to the tasks', async () => {
    const root = await request(server).get(ADMIN);
    expect(root.text).toContain('href="/arcgis/admin/system"');
    const system = await request(server).get(`${ADMIN}/system?f=json`);
    expect(system.body).toEqual({ resources: ['tasks'] });
  });

  it('serves another context when asked', async () => {
    const other = mock({ context: 'portal', fixtures });
    const token = (
      await request(other)
        .post('/portal/sharing/rest/generateToken')
        .type('form')
        .send({ username: 'admin', password: 'admin', f: 'json' })
    ).body.token;
    const res = await request(other).get(`/portal/admin/system/tasks?f=json&token=${token}`);
    expect(res.body.result.length).toBe(fixtures.tasks.length);
    expect((await request(other).get(`${ADMIN}/system/tasks?f=json&token=${token}`)).body.error.code).toBe(404);
  });
});
