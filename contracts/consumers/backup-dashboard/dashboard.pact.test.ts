import { afterAll, describe, expect, it } from '@jest/globals';
import { MatchersV3 as M } from '@pact-foundation/pact/src/v3/index.js';
// pact-js's index pulls in its provider verifier, which requires an ESM-only package that Jest
// cannot require; the consumer DSL alone (v4, v3 matchers) loads fine.
import { PactV4 } from '@pact-foundation/pact/src/v4/index.js';
import { CONSUMER_TOKEN, pactOutputDir, writtenAndCommitted } from '../pact-output.js';
import { ArcGISError, BackupDashboardClient } from './dashboard-client.js';

const dir = pactOutputDir();
const pact = new PactV4({ consumer: 'BackupDashboard', provider: 'ArcGISEnterpriseAdmin', dir, logLevel: 'error' });
const taskId = '5f0cdc50cf36460990bb6edfe9b60e08';
const missingId = '0123456789abcdef0123456789abcdef';
const hex32 = (example: string) => M.regex('^[0-9a-f]{32}$', example);
const query = { f: 'json', token: M.regex('.+', CONSUMER_TOKEN) };
const backupExists = `a CreateBackup task ${taskId} exists`;

describe('BackupDashboard -> ArcGIS Enterprise admin tasks', () => {
  it('lists the backup tasks among all scheduled tasks', async () => {
    await pact
      .addInteraction()
      .given(backupExists)
      .uponReceiving('a request for the scheduled tasks')
      .withRequest('GET', '/arcgis/admin/system/tasks', (b) => b.query(query))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': 'application/json' }).jsonBody({
          result: M.eachLike({
            taskId: hex32(taskId),
            taskType: M.regex(
              '^(CleanGPJobs|CreateBackup|BackupRetentionCleaner|CreateHealthCheckReports)$',
              'CreateBackup',
            ),
            taskTitle: M.string('schedule2'),
            taskState: M.regex('^(active|paused)$', 'paused'),
          }),
        }),
      )
      .executeTest(async (server) => {
        const client = new BackupDashboardClient(`${server.url}/arcgis/admin`, CONSUMER_TOKEN);
        expect(await client.backupTaskIds()).toEqual([{ taskId, title: 'schedule2' }]);
      });
  });

  it('shows a backup task with its schedule and retention', async () => {
    await pact
      .addInteraction()
      .given(backupExists)
      .uponReceiving('a request for one CreateBackup task')
      .withRequest('GET', `/arcgis/admin/system/tasks/${taskId}`, (b) => b.query(query))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': 'application/json' }).jsonBody({
          taskId,
          taskType: 'CreateBackup',
          taskTitle: M.string('schedule2'),
          taskState: M.regex('^(active|paused)$', 'paused'),
          cronExpression: M.string('0 0 4 ? * 7'),
          parameters: {
            storeName: M.string('default'),
            metaData: { retention: { type: M.regex('^(day|week|month)$', 'day'), value: M.integer(14) } },
          },
        }),
      )
      .executeTest(async (server) => {
        const client = new BackupDashboardClient(`${server.url}/arcgis/admin`, CONSUMER_TOKEN);
        expect(await client.backup(taskId)).toEqual({
          taskId,
          title: 'schedule2',
          paused: true,
          schedule: '0 0 4 ? * 7',
          retention: '14 days',
          store: 'default',
        });
      });
  });

  it('shows the recent runs of a backup task', async () => {
    await pact
      .addInteraction()
      .given(backupExists)
      .uponReceiving('a request for the runs of a CreateBackup task')
      .withRequest('GET', `/arcgis/admin/system/tasks/${taskId}/runs`, (b) => b.query(query))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': 'application/json' }).jsonBody({
          result: M.eachLike({
            runId: hex32('3e9d1c7b5a2f4e8d9c0b1a2f3e4d5c6b'),
            status: M.regex('^(scheduled|executing|succeeded|skipped|failed|submitfailed)$', 'succeeded'),
            created: M.integer(1634961600000),
          }),
        }),
      )
      .executeTest(async (server) => {
        const client = new BackupDashboardClient(`${server.url}/arcgis/admin`, CONSUMER_TOKEN);
        expect(await client.recentRuns(taskId)).toEqual([
          { runId: '3e9d1c7b5a2f4e8d9c0b1a2f3e4d5c6b', status: 'succeeded', started: 1634961600000 },
        ]);
      });
  });

  it('understands the error envelope ArcGIS sends with HTTP 200 for an unknown task', async () => {
    await pact
      .addInteraction()
      .given(`no task ${missingId} exists`)
      .uponReceiving('a request for a task that does not exist')
      .withRequest('GET', `/arcgis/admin/system/tasks/${missingId}`, (b) => b.query(query))
      .willRespondWith(200, (b) =>
        b
          .headers({ 'Content-Type': 'application/json' })
          .jsonBody({ error: { code: 404, message: M.string(`Task '${missingId}' does not exist.`) } }),
      )
      .executeTest(async (server) => {
        const client = new BackupDashboardClient(`${server.url}/arcgis/admin`, CONSUMER_TOKEN);
        await expect(client.backup(missingId)).rejects.toEqual(
          new ArcGISError(404, `Task '${missingId}' does not exist.`),
        );
      });
  });
});

afterAll(() => {
  // the committed pact (contracts/pacts, read by check-spec and verify in this suite) is what this consumer test writes
  const { written, committed } = writtenAndCommitted(dir, 'BackupDashboard-ArcGISEnterpriseAdmin.json');
  expect(written).toEqual(committed);
});
