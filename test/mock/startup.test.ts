import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { loadContractForMock } from '../../src/mock/contract-cache.js';
import { createMockServer } from '../../src/mock/index.js';
import { defaultSpecPath } from '../../src/spec/package-root.js';

describe('start-up', () => {
  it('the contract cache never answers for a changed spec', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mock-cache-'));
    const spec = join(dir, 'openapi.yaml');
    const original = await readFile(defaultSpecPath(), 'utf8');
    await writeFile(spec, original);
    const first = await loadContractForMock(spec);
    await new Promise((r) => setTimeout(r, 200)); // the cache is written in the background
    const cached = await loadContractForMock(spec);
    expect(cached.operations.map((o) => o.operationId)).toEqual(first.operations.map((o) => o.operationId));
    await writeFile(spec, original.replace('operationId: listTasks\n', 'operationId: listAllTasks\n'));
    const changed = await loadContractForMock(spec);
    expect(changed.operationsById.has('listAllTasks')).toBe(true);
    expect(changed.operationsById.has('listTasks')).toBe(false);
  });

  it('a write right after start-up waits for the form validators (compiled in the background) and succeeds', async () => {
    const server = createMockServer();
    const login = await request(server)
      .post('/arcgis/sharing/rest/generateToken')
      .type('form')
      .send({ username: 'admin', password: 'admin', f: 'json' });
    const created = await request(server).post('/arcgis/admin/system/tasks/createTask').type('form').send({
      f: 'json',
      token: login.body.token,
      type: 'CreateHealthCheckReports',
      parameters: '{"suiteIds":"a"}',
      minute: '0',
      hour: '1',
      dayOfMonth: '*',
      month: '*',
      dayOfWeek: '?',
    });
    expect(created.body).toEqual({ status: 'success', taskId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });
});
