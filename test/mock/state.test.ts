import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  cronExpressionFor,
  encryptPasscode,
  retentionOffsetMs,
  runIntervalSecondsFor,
  toEpochMillis,
} from '../../src/domain/index.js';
import { generateTask } from '../../src/fixtures/index.js';
import type { CreateBackupTask, Task } from '../../src/shapes/contract-types.js';
import { ADMIN, HEALTH_CHECK_FORM, mock, state, taskOfType, taskWithRuns, tokenFor } from './helpers.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

async function setup() {
  let now = NOW;
  const server = mock({ now: () => now });
  const token = await tokenFor(server);
  const post = (path: string, fields: Record<string, string> = {}) =>
    request(server)
      .post(`${ADMIN}/system/tasks${path}`)
      .type('form')
      .send({ f: 'json', token, ...fields });
  const get = async (path: string) =>
    (await request(server).get(`${ADMIN}/system/tasks${path}?f=json&token=${token}`)).body;
  return { server, token, post, get, tick: (ms: number) => (now += ms) };
}

const backupParameters = {
  name: 'nightly',
  passcode: 'correct horse battery',
  storeName: 'default',
  metaData: { recurring: true, startTime: '03:00', retention: { type: 'week', value: 2 } },
};

describe('createTask', () => {
  it('creates a CreateBackup task: success envelope, encrypted passcode, consistent schedule fields', async () => {
    const { post, get } = await setup();
    const res = await post('/createTask', {
      type: 'CreateBackup',
      title: 'weekly backup',
      parameters: JSON.stringify(backupParameters),
      minute: '30',
      hour: '3',
      dayOfMonth: '?',
      month: '*',
      dayOfWeek: '1',
      startDate: String(NOW + 3_600_000),
    });
    expect(res.body).toEqual({ status: 'success', taskId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const task = (await get(`/${res.body.taskId}`)) as CreateBackupTask;
    const schedule = { minute: '30', hour: '3', dayOfMonth: '?', month: '*', dayOfWeek: '1' };
    expect(task).toMatchObject({
      taskType: 'CreateBackup',
      type: 'CREATE_BACKUP_TASK_TYPE',
      taskTitle: 'weekly backup',
      generation: 1,
      taskState: 'active',
      active: true,
      id: res.body.taskId,
      taskId: res.body.taskId,
      created: NOW,
      updated: NOW,
      cronSchedule: schedule,
      cronExpression: cronExpressionFor(schedule),
      runIntervalSeconds: runIntervalSecondsFor(schedule),
      startDate: NOW + 3_600_000,
      maxOccurrences: -1,
    });
    expect(task.parameters.passcode).toBe(encryptPasscode(backupParameters.passcode));
    expect(task.parameters.retentionOffset).toBe(retentionOffsetMs({ type: 'week', value: 2 }));
    // the seed's CreateBackup sample's order, whatever order the client sent the parameters in
    expect(Object.keys(task)).toEqual(
      Object.keys(generateTask('CreateBackup', { seed: 1 })).filter((k) => k !== 'lastStart'),
    );
    expect(Object.keys(task.parameters)).toEqual([
      'itemId',
      'metaData',
      'retentionOffset',
      'name',
      'storeName',
      'passcode',
    ]);
    expect(JSON.stringify(await get(''))).toContain(res.body.taskId);
  });

  it('creates a CreateHealthCheckReports task', async () => {
    const { post, get } = await setup();
    const res = await post('/createTask', {
      type: 'CreateHealthCheckReports',
      parameters: JSON.stringify({ suiteIds: ['default'], runName: 'nightly' }),
      minute: '0',
      hour: '2',
      dayOfMonth: '*',
      month: '*',
      dayOfWeek: '?',
    });
    const task = await get(`/${res.body.taskId}`);
    expect(task).toMatchObject({
      taskType: 'CreateHealthCheckReports',
      taskTitle: 'nightly',
      runIntervalSeconds: 86_400,
      parameters: { suiteIds: ['default'], runName: 'nightly' },
    });
  });

  it.each([
    [
      'parameters that are not JSON',
      { parameters: '{nope' },
      "Invalid value for parameter 'parameters': must be JSON text",
    ],
    [
      'parameters of another task type',
      { type: 'CreateHealthCheckReports' },
      "Invalid value for parameter 'parameters': /suiteIds is required",
    ],
    [
      'a passcode under 8 characters',
      { parameters: JSON.stringify({ ...backupParameters, passcode: 'short' }) },
      "'parameters'",
    ],
    [
      'a retentionOffset that disagrees with the retention',
      { parameters: JSON.stringify({ ...backupParameters, retentionOffset: 1 }) },
      'retentionOffset must equal the retention (1209600000 ms)',
    ],
    ['both day fields set', { dayOfMonth: '1' }, "exactly one of dayOfMonth and dayOfWeek must be '?'"],
    ['a bad minute field', { minute: '61' }, "Invalid value for parameter 'minute'"],
    ['an unknown type', { type: 'CleanGPJobs' }, "Invalid value for parameter 'type'"],
    [
      'startDate in seconds',
      { startDate: '1700000000' },
      "Invalid value for parameter 'startDate': must be >= 100000000000",
    ],
    [
      'startDate past the end of the date range',
      { startDate: '8640000000000001' },
      "Invalid value for parameter 'startDate': must be <= 8640000000000000",
    ],
    ['endDate before startDate', { startDate: String(NOW), endDate: String(NOW - 1) }, 'it is before startDate'],
    ['maxOccurrences 0', { maxOccurrences: '0' }, "Invalid value for parameter 'maxOccurrences'"],
    ['a missing cron field', { hour: '' }, "'hour' must be specified."],
  ])('refuses %s with 400 and changes nothing', async (_label, fields, detail) => {
    const { server, post } = await setup();
    const before = (await state(server)).tasks.length;
    const res = await post('/createTask', {
      type: 'CreateBackup',
      parameters: JSON.stringify(backupParameters),
      minute: '0',
      hour: '4',
      dayOfMonth: '?',
      month: '*',
      dayOfWeek: '7',
      ...fields,
    });
    expect(res.body.error.code).toBe(400);
    expect(res.body.error.details.join(' ')).toContain(detail);
    expect((await state(server)).tasks.length).toBe(before);
  });
});

describe('update', () => {
  it('re-encrypts a new passcode, recomputes the schedule fields, bumps generation and moves updated', async () => {
    const { server, post, get, tick } = await setup();
    const before = (await taskOfType(server, 'CreateBackup')) as CreateBackupTask;
    tick(5_000);
    const res = await post(`/${before.taskId}/update`, {
      parameters: JSON.stringify({
        passcode: 'a brand new secret',
        metaData: { ...before.parameters.metaData, retention: { type: 'month', value: 1 } },
      }),
      minute: '15',
      hour: '*/6',
      dayOfMonth: '*',
      dayOfWeek: '?',
      title: 'renamed',
    });
    expect(res.body).toEqual({ status: 'success' });
    const after = (await get(`/${before.taskId}`)) as CreateBackupTask;
    expect(after.generation).toBe(before.generation + 1);
    expect(toEpochMillis(after.updated)).toBeGreaterThan(toEpochMillis(before.updated));
    expect(typeof after.updated).toBe(typeof before.updated);
    expect(after.taskTitle).toBe('renamed');
    expect(after.parameters.passcode).toBe(encryptPasscode('a brand new secret'));
    expect(after.parameters.retentionOffset).toBe(retentionOffsetMs({ type: 'month', value: 1 }));
    const schedule = { ...before.cronSchedule, minute: '15', hour: '*/6', dayOfMonth: '*', dayOfWeek: '?' };
    expect(after.cronSchedule).toEqual(schedule);
    expect(after.cronExpression).toBe(cronExpressionFor(schedule));
    expect(after.runIntervalSeconds).toBe(runIntervalSecondsFor(schedule));
    expect(JSON.stringify(await state(server))).not.toContain('a brand new secret');
  });

  it('keeps the stored passcode when a client echoes it back', async () => {
    const { server, post, get } = await setup();
    const before = (await taskOfType(server, 'CreateBackup')) as CreateBackupTask;
    await post(`/${before.taskId}/update`, { parameters: JSON.stringify(before.parameters) });
    expect(((await get(`/${before.taskId}`)) as CreateBackupTask).parameters.passcode).toBe(before.parameters.passcode);
  });

  it('moves a formatted `updated` by at least a second, keeping the style, even when the clock stands still', async () => {
    const { server, post, get } = await setup();
    const formatted = (await state(server)).tasks.find(
      (t) => typeof t.updated === 'string' && toEpochMillis(t.updated) > NOW - 1,
    );
    const target = formatted ?? (await state(server)).tasks.find((t) => typeof t.updated === 'string');
    if (!target) throw new Error('the fixtures have no task with formatted dates');
    await post(`/${target.taskId}/update`, { title: 'a' });
    const once = (await get(`/${target.taskId}`)) as Task;
    await post(`/${target.taskId}/update`, { title: 'b' });
    const twice = (await get(`/${target.taskId}`)) as Task;
    expect(typeof twice.updated).toBe('string');
    expect(toEpochMillis(twice.updated)).toBeGreaterThanOrEqual(toEpochMillis(once.updated) + 1000);
    expect(twice.generation).toBe(target.generation + 2);
  });

  it.each([
    ['another type', { type: 'CreateBackup' }, 'CleanGPJobs'],
    ['parameters for a type that takes none', { parameters: '{"name":"x"}' }, 'CleanGPJobs'],
    ['a bad itemId', { itemId: 'not-a-uuid' }, 'CleanGPJobs'],
    ['endDate before startDate', { startDate: String(NOW), endDate: String(NOW - 1000) }, 'CleanGPJobs'],
  ])('refuses %s with 400 and leaves the task as it was', async (_label, fields, type) => {
    const { server, post, get } = await setup();
    const before = await taskOfType(server, type);
    const res = await post(`/${before.taskId}/update`, fields);
    expect(res.body.error.code).toBe(400);
    expect(await get(`/${before.taskId}`)).toEqual(before);
  });
});

describe('enable, disable, delete', () => {
  it('disable pauses and enable activates, each a new generation', async () => {
    const { server, post, get } = await setup();
    const task = await taskOfType(server, 'BackupRetentionCleaner');
    expect((await post(`/${task.taskId}/disable`)).body).toEqual({ status: 'success' });
    const paused = (await get(`/${task.taskId}`)) as Task;
    expect([paused.taskState, paused.active, paused.generation]).toEqual(['paused', false, task.generation + 1]);
    await post(`/${task.taskId}/enable`);
    const active = (await get(`/${task.taskId}`)) as Task;
    expect([active.taskState, active.active, active.generation]).toEqual(['active', true, task.generation + 2]);
  });

  it('delete removes the task and its runs; later calls say it does not exist', async () => {
    const { server, post, get } = await setup();
    const { task, runIds } = await taskWithRuns(server);
    expect((await post(`/${task.taskId}/delete`)).body).toEqual({ status: 'success' });
    const message = `Task '${task.taskId}' does not exist.`;
    expect((await get(`/${task.taskId}`)).error).toEqual({ code: 404, message, details: [] });
    expect((await get(`/${task.taskId}/runs`)).error.message).toBe(message);
    expect((await get(`/${task.taskId}/runs/${runIds[0]}`)).error.code).toBe(404);
    expect((await post(`/${task.taskId}/delete`)).body.error.message).toBe(message);
    expect((await state(server)).runs[task.taskId]).toBeUndefined();
  });
});

describe('runs', () => {
  it('update takes result or results and moves modified; the run embeds the current task', async () => {
    const { server, post, get, tick } = await setup();
    const { task, runIds } = await taskWithRuns(server);
    const runId = runIds[0]!;
    const before = await get(`/${task.taskId}/runs/${runId}`);
    tick(1000);
    await post(`/${task.taskId}/runs/${runId}/update`, { status: 'failed', result: 'disk full' });
    let run = await get(`/${task.taskId}/runs/${runId}`);
    expect([run.status, run.result]).toEqual(['failed', 'disk full']);
    expect(toEpochMillis(run.modified)).toBeGreaterThan(toEpochMillis(before.modified));
    await post(`/${task.taskId}/runs/${runId}/update`, { results: 'retried' });
    run = await get(`/${task.taskId}/runs/${runId}`);
    expect([run.status, run.result]).toEqual(['failed', 'retried']);
    await post(`/${task.taskId}/disable`);
    expect((await get(`/${task.taskId}/runs/${runId}`)).task).toEqual(await get(`/${task.taskId}`));
  });

  it('refuses an unknown status and unknown runs', async () => {
    const { server, post } = await setup();
    const { task, runIds } = await taskWithRuns(server);
    expect((await post(`/${task.taskId}/runs/${runIds[0]}/update`, { status: 'done' })).body.error.code).toBe(400);
    const missing = await post(`/${task.taskId}/runs/0123456789abcdef0123456789abcdef/update`, { status: 'failed' });
    expect(missing.body.error.message).toBe("Run '0123456789abcdef0123456789abcdef' does not exist.");
  });

  it('delete removes one run', async () => {
    const { server, post, get } = await setup();
    const { task, runIds } = await taskWithRuns(server);
    expect((await post(`/${task.taskId}/runs/${runIds[0]}/delete`)).body).toEqual({ status: 'success' });
    const left = (await get(`/${task.taskId}/runs`)).result.map((r: { runId: string }) => r.runId);
    expect(left).toEqual(runIds.slice(1));
  });
});

describe('control endpoints', () => {
  it('POST /__mock/reset restores the seeded state, ids included', async () => {
    const { server, post } = await setup();
    const seeded = await state(server);
    const fields = HEALTH_CHECK_FORM;
    const first = (await post('/createTask', fields)).body.taskId;
    await post(`/${seeded.tasks[0]!.taskId}/delete`);
    expect((await request(server).post('/__mock/reset')).body).toEqual({ status: 'success' });
    const restored = await state(server);
    expect(restored.tasks).toEqual(seeded.tasks);
    expect(restored.runs).toEqual(seeded.runs);
    expect((await post('/createTask', fields)).body.taskId).toBe(first);
  });

  it('GET /__mock/state never shows passwords or tokens', async () => {
    const server = mock({ username: 'chief', password: 'pw-hunter2-pw' });
    const token = await tokenFor(server, 'chief', 'pw-hunter2-pw');
    const text = (await request(server).get('/__mock/state')).text;
    expect(text).not.toContain('pw-hunter2-pw');
    expect(text).not.toContain(token);
    expect(JSON.parse(text).meta.tokensIssued).toBe(1);
  });
});

describe('concurrent conflicting writes', () => {
  it('leave a consistent task: every update counted once, the last one wins whole', async () => {
    const { server, post, get } = await setup();
    const task = await taskOfType(server, 'CreateBackup');
    const writes = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 3
        ? post(`/${task.taskId}/disable`)
        : post(`/${task.taskId}/update`, { title: `title-${i}`, hour: String(i % 24), minute: String(i % 60) }),
    );
    const answers = await Promise.all(writes);
    expect(answers.every((a) => a.body.status === 'success')).toBe(true);
    const after = (await get(`/${task.taskId}`)) as Task;
    expect(after.generation).toBe(task.generation + 40);
    expect(after.cronExpression).toBe(cronExpressionFor(after.cronSchedule));
    const i = Number(after.taskTitle.split('-')[1]);
    expect(after.cronSchedule).toMatchObject({ hour: String(i % 24), minute: String(i % 60) });
  });
});
