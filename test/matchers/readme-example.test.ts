import 'arcgis-tasks-contract/matchers/jest';
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { type RunningMock, startMockServer } from 'arcgis-tasks-contract';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 }); // a free port
});
beforeEach(() => {
  mock.clearRequests();
});
afterAll(() => mock.close());

/** The code under test: pauses a task as an ops script does, with a form POST and the token in the body. */
async function pauseTask(adminUrl: string, token: string, taskId: string): Promise<void> {
  const body = new URLSearchParams({ f: 'json', token });
  const res = await fetch(`${adminUrl}/system/tasks/${taskId}/disable`, { method: 'POST', body });
  const answer = (await res.json()) as { status?: string };
  if (answer.status !== 'success') throw new Error(`could not pause ${taskId}`);
}

it('pauses exactly that task, once, with the token in the body', async () => {
  const login = new URLSearchParams({ username: 'admin', password: 'admin', f: 'json' });
  const { token } = (await (await fetch(mock.tokenUrl, { method: 'POST', body: login })).json()) as { token: string };
  const list = await fetch(`${mock.adminUrl}/system/tasks?f=json&token=${token}`);
  const taskId = ((await list.json()) as { result: { taskId: string }[] }).result[0]!.taskId;

  await pauseTask(mock.adminUrl, token, taskId);

  expect(mock).toHaveReceived('disableTask', { taskId, times: 1, token: 'form' });
  expect(mock).not.toHaveReceived('deleteTask');
  expect(mock).toHaveReceivedNothingUnmatched();
  expect(mock.requests({ operationId: 'disableTask' })[0]!.form).toEqual({ f: 'json', token: '********' });
});
