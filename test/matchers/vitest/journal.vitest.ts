// Run by vitest, not by jest: test/package/pack.test.ts copies it into the project that installed
// the packed tarball, so the matchers come through the package's subpath exports as a user's do.
// `npm run typecheck` checks its types here, against src/ (tsconfig.json's paths).
import 'arcgis-tasks-contract/matchers/vitest';
import { type RunningMock, startMockServer } from 'arcgis-tasks-contract';
import { afterAll, beforeAll, expect, it } from 'vitest';

let mock: RunningMock;
let token: string;
let taskId: string;

beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
  const res = await fetch(mock.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({ username: 'admin', password: 'admin', f: 'json' }),
  });
  token = ((await res.json()) as { token: string }).token;
  const state = (await (await fetch(`${mock.url}/__mock/state`)).json()) as { tasks: { taskId: string }[] };
  taskId = state.tasks[0]!.taskId;
  await fetch(`${mock.adminUrl}/system/tasks/${taskId}/disable`, {
    method: 'POST',
    body: new URLSearchParams({ f: 'json', token }),
  });
  await fetch(`${mock.adminUrl}/system/tasks/${taskId}/enabel`, {
    method: 'POST',
    body: new URLSearchParams({ f: 'json', token }),
  });
});
afterAll(() => mock.close());

it('passes: the mock received disableTask once, with the token in the form', () => {
  expect(mock).toHaveReceived('disableTask', { taskId, times: 1, token: 'form' });
  expect(mock).not.toHaveReceived('deleteTask');
  // @ts-expect-error the options are typed
  expect(() => expect(mock).toHaveReceived('disableTask', { times: 'once' })).toThrow(/times must be/);
});

it('fails on purpose: enableTask was never received, and the message shows the near miss', () => {
  expect(mock).toHaveReceived('enableTask', { taskId });
});
