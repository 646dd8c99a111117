import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { loadContractCached } from '../../src/contract/load.js';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import { createMockServer } from '../../src/mock/index.js';
import { HEALTH_CHECK_FORM } from './helpers.js';

describe('start-up', () => {
  it('the contract a mock loads once per process is never the one of an earlier text of the spec', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mock-spec-'));
    const spec = join(dir, 'openapi.yaml');
    const original = await readFile(defaultSpecPath(), 'utf8');
    await writeFile(spec, original);
    const first = await loadContractCached(spec);
    expect(await loadContractCached(spec)).toBe(first);
    await writeFile(spec, original.replace('operationId: listTasks\n', 'operationId: listAllTasks\n'));
    const changed = await loadContractCached(spec);
    expect(changed.operationsById.has('listAllTasks')).toBe(true);
    expect(changed.operationsById.has('listTasks')).toBe(false);
    const server = createMockServer({ specPath: spec });
    const answer = await request(server).get('/arcgis/admin/system/tasks?f=json');
    expect(answer.body.error.code).toBe(499); // served by the changed spec's operations
  });

  it('a write right after start-up waits for the form validators (compiled on the first POST) and succeeds', async () => {
    const server = createMockServer();
    const login = await request(server)
      .post('/arcgis/sharing/rest/generateToken')
      .type('form')
      .send({ username: 'admin', password: 'admin', f: 'json' });
    const created = await request(server)
      .post('/arcgis/admin/system/tasks/createTask')
      .type('form')
      .send({
        f: 'json',
        token: login.body.token,
        ...HEALTH_CHECK_FORM,
      });
    expect(created.body).toEqual({ status: 'success', taskId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });
});
