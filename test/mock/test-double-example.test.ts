import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';

// The "test double" example of docs/test-double.md, as written there (only the import differs).
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, scenario: 'failed-backup' }); // clock frozen at 2025-06-01T08:00Z
});
afterAll(() => mock.close());

it('shows last night failed, and tonight succeeded', async () => {
  const login = await fetch(mock.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({ username: 'admin', password: 'admin', expiration: '20160', f: 'json' }),
  });
  const { token } = (await login.json()) as { token: string };
  const runsOf = async (taskId: string) =>
    (
      (await (await fetch(`${mock.adminUrl}/system/tasks/${taskId}/runs?f=json&token=${token}`)).json()) as {
        result: { status: string; result: string }[];
      }
    ).result;
  const nightly = mock.state().tasks.find((t) => t.taskTitle === 'nightly backup')!;
  expect((await runsOf(nightly.taskId)).at(-1)).toMatchObject({ status: 'failed' });

  mock.clock.advance('P1D'); // the 02:00 backup fires again, and runs to its end
  expect((await runsOf(nightly.taskId)).at(-1)).toMatchObject({ status: 'succeeded', result: 'Backup created.' });

  mock.outcomes.set({ taskId: nightly.taskId }, { outcome: 'failed', times: 1, message: 'Disk full.' });
  mock.clock.advance('P1D');
  expect((await runsOf(nightly.taskId)).at(-1)).toMatchObject({ status: 'failed', result: 'Disk full.' });
});
