import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import { ADMIN, HEALTH_CHECK_FORM, mock, state, tokenFor } from './helpers.js';

// The mock's forms are checked by the contract it serves, not by rules of its own: change a rule in
// the spec and the mock's answers change with it.
const dir = await mkdtemp(join(tmpdir(), 'form-contract-'));
const specPath = join(dir, 'openapi.yaml');
const bundled = await readFile(defaultSpecPath(), 'utf8');
// CreateTaskForm's title (UpdateTaskForm's is followed by a `$ref` type)
const titleRule = '        title:\n          type: string\n        type:\n          type: string\n';
if (bundled.split(titleRule).length !== 2) throw new Error('the spec no longer describes CreateTaskForm as expected');
await writeFile(
  specPath,
  bundled.replace(titleRule, titleRule.replace('type: string\n', 'type: string\n          maxLength: 5\n')),
);
const server = mock({ specPath });
const token = await tokenFor(server);

const createForm = { f: 'json', ...HEALTH_CHECK_FORM };

describe('the forms follow the contract the mock serves', () => {
  it('a rule added to the spec (title at most 5 characters) refuses what the bundled spec accepts', async () => {
    const before = (await state(server)).tasks.length;
    const res = await request(server)
      .post(`${ADMIN}/system/tasks/createTask`)
      .type('form')
      .send({ ...createForm, token, title: 'nightly health' });
    expect(res.body).toEqual({
      error: {
        code: 400,
        message: 'Unable to create task.',
        details: [`Invalid value for parameter 'title': must NOT have more than 5 characters; got "nightly health".`],
      },
    });
    expect((await state(server)).tasks.length).toBe(before);
  });

  it('and accepts the same form within the rule', async () => {
    const res = await request(server)
      .post(`${ADMIN}/system/tasks/createTask`)
      .type('form')
      .send({ ...createForm, token, title: 'daily' });
    expect(res.body).toEqual({ status: 'success', taskId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });
});
