import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import type { Task } from '../../src/shapes/contract-types.js';

// A real HTTP client (fetch, i.e. undici) drives the mock end to end on port 0, the way ArcGIS
// REST JS does: form POSTs with f=json and the token in the body.

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 3 });
});
afterAll(() => mock.close());

async function post<T>(url: string, fields: Record<string, string>): Promise<T> {
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams({ f: 'json', ...fields }) });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe('a real client on port 0', () => {
  it('starts on a free port and reports its URLs', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.url).not.toMatch(/:4010$/);
    expect(mock.adminUrl).toBe(`${mock.url}/arcgis/admin`);
    expect(mock.tokenUrl).toBe(`${mock.url}/arcgis/sharing/rest/generateToken`);
    expect(mock.credentials).toEqual({ username: 'admin', password: 'admin' });
  });

  it('logs in, lists, creates, edits, disables, reads runs and deletes', async () => {
    const { token } = await post<{ token: string }>(mock.tokenUrl, mock.credentials);
    const tasks = `${mock.adminUrl}/system/tasks`;
    const before = (await post<{ result: Task[] }>(tasks, { token })).result;
    const created = await post<{ taskId: string }>(`${tasks}/createTask`, {
      token,
      type: 'CreateHealthCheckReports',
      title: 'from fetch',
      parameters: '{"suiteIds":"default"}',
      minute: '0',
      hour: '6',
      dayOfMonth: '*',
      month: '*',
      dayOfWeek: '?',
    });
    expect((await post<{ result: Task[] }>(tasks, { token })).result.length).toBe(before.length + 1);
    await post(`${tasks}/${created.taskId}/update`, { token, title: 'renamed by fetch' });
    await post(`${tasks}/${created.taskId}/disable`, { token });
    const task = (await (
      await fetch(`${tasks}/${created.taskId}?f=json`, { headers: { 'X-Esri-Authorization': `Bearer ${token}` } })
    ).json()) as Task;
    expect([task.taskTitle, task.taskState, task.generation]).toEqual(['renamed by fetch', 'paused', 3]);
    expect(await post(`${tasks}/${created.taskId}/runs`, { token })).toEqual({ result: [] });
    expect(await post(`${tasks}/${created.taskId}/delete`, { token })).toEqual({ status: 'success' });
    expect(await post(`${tasks}/${created.taskId}`, { token })).toEqual({
      error: { code: 404, message: `Task '${created.taskId}' does not exist.`, details: [] },
    });
  });

  it('keeps the connection alive between requests', async () => {
    const res = await fetch(`${mock.adminUrl}/system/tasks?f=json`);
    expect(res.headers.get('connection')).toBe('keep-alive');
    await res.arrayBuffer();
  });

  it('answers CORS preflights and echoes the origin', async () => {
    const pre = await fetch(`${mock.adminUrl}/system/tasks`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://app.example');
    expect(pre.headers.get('access-control-allow-headers')).toContain('X-Esri-Authorization');
  });
});
