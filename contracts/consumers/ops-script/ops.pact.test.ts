import { afterAll, describe, expect, it } from '@jest/globals';
// pact-js's index pulls in its provider verifier, which requires an ESM-only package that Jest
// cannot require; the consumer DSL alone loads fine. This consumer writes a v3 pact: the v4 DSL
// sends form bodies as binary, which the mock server then refuses to match as forms.
import { PactV3 } from '@pact-foundation/pact/src/v3/index.js';
import { CONSUMER_TOKEN, pactOutputDir, writtenAndCommitted } from '../pact-output.js';
import { OpsScriptClient } from './ops-client.js';

const dir = pactOutputDir();
const pact = new PactV3({ consumer: 'OpsScript', provider: 'ArcGISEnterpriseAdmin', dir, logLevel: 'error' });
const taskId = '2a1ba86743414f929c0c1f38b32f1c9c';
const form = new URLSearchParams({ f: 'json', token: CONSUMER_TOKEN }).toString();
const formHeaders = { 'Content-Type': 'application/x-www-form-urlencoded' };
const json = { 'Content-Type': 'application/json' };

describe('OpsScript -> ArcGIS Enterprise admin tasks', () => {
  it("reads a task's state with a form POST", async () => {
    await pact
      .given(`an active CleanGPJobs task ${taskId} exists`)
      .uponReceiving('a form POST for a task')
      .withRequest({ method: 'POST', path: `/arcgis/admin/system/tasks/${taskId}`, headers: formHeaders, body: form })
      .willRespondWith({ status: 200, headers: json, body: { taskId, taskState: 'active', active: true } })
      .executeTest(async (server) => {
        expect(await new OpsScriptClient(`${server.url}/arcgis/admin`, CONSUMER_TOKEN).state(taskId)).toBe('active');
      });
  });

  it('pauses an active task', async () => {
    await pact
      .given(`an active CleanGPJobs task ${taskId} exists`)
      .uponReceiving('a request to disable the task')
      .withRequest({
        method: 'POST',
        path: `/arcgis/admin/system/tasks/${taskId}/disable`,
        headers: formHeaders,
        body: form,
      })
      .willRespondWith({ status: 200, headers: json, body: { status: 'success' } })
      .executeTest(async (server) => {
        await expect(
          new OpsScriptClient(`${server.url}/arcgis/admin`, CONSUMER_TOKEN).pause(taskId),
        ).resolves.toBeUndefined();
      });
  });

  it('resumes a paused task', async () => {
    await pact
      .given(`a paused CleanGPJobs task ${taskId} exists`)
      .uponReceiving('a request to enable the task')
      .withRequest({
        method: 'POST',
        path: `/arcgis/admin/system/tasks/${taskId}/enable`,
        headers: formHeaders,
        body: form,
      })
      .willRespondWith({ status: 200, headers: json, body: { status: 'success' } })
      .executeTest(async (server) => {
        await expect(
          new OpsScriptClient(`${server.url}/arcgis/admin`, CONSUMER_TOKEN).resume(taskId),
        ).resolves.toBeUndefined();
      });
  });
});

afterAll(() => {
  const { written, committed } = writtenAndCommitted(dir, 'OpsScript-ArcGISEnterpriseAdmin.json');
  expect(written).toEqual(committed);
});
