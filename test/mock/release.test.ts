import { afterAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { generateFixtureSet } from '../../src/fixtures/index.js';
import { ADMIN, form, mock, settled, state, tokenFor } from './helpers.js';

// `release`: the mock behaves as that ArcGIS Enterprise release (src/domain/releases.ts).

const backup = {
  type: 'CreateBackup',
  title: 'release probe',
  parameters: JSON.stringify({
    name: 'b',
    passcode: 'long-enough-1',
    storeName: 'default',
    metaData: { recurring: true, startTime: '04:00', retention: { type: 'day', value: 1 } },
  }),
  minute: '0',
  hour: '4',
  dayOfMonth: '?',
  month: '*',
  dayOfWeek: '7',
};
const health = { ...backup, type: 'CreateHealthCheckReports', parameters: JSON.stringify({ suiteIds: ['s1'] }) };

const servers: ReturnType<typeof mock>[] = [];
function at(release?: string) {
  const server = mock(release ? { release } : {});
  servers.push(server);
  return server;
}
afterAll(async () => {
  for (const server of servers) await settled(server);
});

async function post(server: ReturnType<typeof mock>, path: string, fields: Record<string, string>) {
  const token = await tokenFor(server);
  return request(server)
    .post(`${ADMIN}${path}`)
    .type('form')
    .send(form({ ...fields, f: 'json', token }));
}

describe('mock release', () => {
  it('says its release at the admin root, and lists health checks from 11.2', async () => {
    const token = await tokenFor(at());
    const newest = await request(servers[0]!).get(`${ADMIN}?f=json&token=${token}`);
    expect(newest.body).toEqual({ resources: ['system', 'healthCheck'], currentVersion: '11.4' });
    const old = at('11.1');
    const root = await request(old).get(`${ADMIN}?f=json&token=${await tokenFor(old)}`);
    expect(root.body).toEqual({ resources: ['system'], currentVersion: '11.1' });
  });

  it('at 11.3 refuses a CreateHealthCheckReports task and keeps its list; at 11.4 takes it', async () => {
    const old = at('11.3');
    const before = (await state(old)).tasks.length;
    const refused = await post(old, '/system/tasks/createTask', health);
    expect(refused.body.error.code).toBe(400);
    expect(refused.body.error.details[0]).toMatch(/CreateHealthCheckReports tasks cannot be created at release 11.3/);
    expect((await state(old)).tasks).toHaveLength(before);
    expect((await post(old, '/system/tasks/createTask', backup)).body.status).toBe('success');
    expect((await post(at('11.4'), '/system/tasks/createTask', health)).body.status).toBe('success');
  });

  it('at 10.9 holds only CleanGPJobs tasks (CreateBackup came with 10.9.1)', async () => {
    const types = new Set((await state(at('10.9'))).tasks.map((t) => t.taskType));
    expect([...types]).toEqual(['CleanGPJobs']);
  });

  it('at 10.9 has no createTask and edits only CleanGPJobs tasks', async () => {
    // a scenario that names no release keeps every type: a CreateBackup task to try to edit
    const old = mock({ release: '10.9', scenario: 'default' });
    servers.push(old);
    const missing = await post(old, '/system/tasks/createTask', backup);
    expect(missing.body.error.code).toBe(404);
    const tasks = (await state(old)).tasks;
    const backupTask = tasks.find((t) => t.taskType === 'CreateBackup')!;
    const gp = tasks.find((t) => t.taskType === 'CleanGPJobs')!;
    const edit = await post(old, `/system/tasks/${backupTask.taskId}/update`, { title: 'x' });
    expect(edit.body.error.details[0]).toMatch(/CreateBackup tasks cannot be edited at release 10.9/);
    expect((await post(old, `/system/tasks/${gp.taskId}/update`, { title: 'x' })).body).toEqual({ status: 'success' });
  });

  it('serves a fixture set that names its release as that release', async () => {
    const fixtures = generateFixtureSet({ seed: 3, tasksPerType: 1, runsPerTask: 0 });
    const server = mock({ fixtures: { ...fixtures, meta: { ...fixtures.meta, siteVersion: '11.3' } } });
    servers.push(server);
    const refused = await post(server, '/system/tasks/createTask', health);
    expect(refused.body.error.details[0]).toMatch(/cannot be created at release 11.3/);
  });

  it('refuses a release it does not know', () => {
    expect(() => mock({ release: '9.1' })).toThrow(/unknown release "9.1"/);
  });
});
