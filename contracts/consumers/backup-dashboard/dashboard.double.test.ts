// The backup dashboard against the mock as a test double: the mock's clock runs the nightly backup,
// the test steers how it ends, and the journal says what the dashboard asked for. Imported by package
// name, as the dashboard's own repository would.
import 'arcgis-tasks-contract/matchers/jest';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type RunningMock, startMockServer } from 'arcgis-tasks-contract';
import { BackupDashboardClient } from './dashboard-client.js';

let mock: RunningMock;
let dashboard: BackupDashboardClient;
let nightlyId: string;

beforeAll(async () => {
  // last night's 02:00 backup failed; the clock stands frozen at 08:00 that morning
  mock = await startMockServer({ port: 0, scenario: 'failed-backup' });
  // tokens expire in mock time: ask for two weeks, since the test moves the clock by days
  const login = new URLSearchParams({ ...mock.credentials, expiration: '20160', f: 'json' });
  const { token } = (await (await fetch(mock.tokenUrl, { method: 'POST', body: login })).json()) as { token: string };
  dashboard = new BackupDashboardClient(mock.adminUrl, token);
  nightlyId = (await dashboard.backupTaskIds()).find((b) => b.title === 'nightly backup')!.taskId;
  mock.clearRequests();
});
afterAll(() => mock.close());

it('shows the backup that failed overnight, then the next nights as they end', async () => {
  const lastNight = await dashboard.health(nightlyId);
  expect(lastNight).toMatchObject({ title: 'nightly backup', state: 'failed' });
  expect(lastNight.lastRun!.message).toMatch(/^Failed to create backup/);

  // tonight fails too, for another reason; the clock passes 02:00 and the run ends
  mock.outcomes.set(
    { taskId: nightlyId },
    { outcome: 'failed', times: 1, message: 'Failed to create backup: disk full.' },
  );
  mock.clock.advance('P1D');
  const tonight = await dashboard.health(nightlyId);
  expect(tonight).toMatchObject({ state: 'failed', lastRun: { message: 'Failed to create backup: disk full.' } });
  expect(tonight.lastRun!.runId).not.toBe(lastNight.lastRun!.runId);

  // the steering was used up: the night after succeeds, and the dashboard turns green
  mock.clock.advance('P1D');
  expect(await dashboard.health(nightlyId)).toMatchObject({ state: 'ok', lastRun: { message: 'Backup created.' } });

  // what the dashboard sent: three reads of the task and its runs, the token in the query, nothing else
  expect(mock).toHaveReceived('getTask', { taskId: nightlyId, times: 3, token: 'query' });
  expect(mock).toHaveReceived('listRuns', { taskId: nightlyId, times: 3, token: 'query' });
  expect(mock).not.toHaveReceived('disableTask');
  expect(mock).not.toHaveReceived('updateRun');
  expect(mock).toHaveReceivedNothingUnmatched();
});
