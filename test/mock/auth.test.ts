import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ADMIN, mock, TOKEN_PATH, taskOfType, tokenFor } from './helpers.js';

describe('generateToken', () => {
  it('issues a token with expires (epoch ms) and ssl for the administrator', async () => {
    const server = mock({ now: () => 1_700_000_000_000 });
    const res = await request(server)
      .post(TOKEN_PATH)
      .type('form')
      .send({ username: 'admin', password: 'admin', expiration: '5', f: 'json' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['expires', 'ssl', 'token']);
    expect(res.body.expires).toBe(1_700_000_000_000 + 5 * 60_000);
    expect(res.body.token.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    ['a wrong password', { username: 'admin', password: 'nope' }, ['Invalid username or password.']],
    ['no credentials', {}, ["'username' must be specified.", "'password' must be specified."]],
    [
      'a non-numeric expiration',
      { username: 'admin', password: 'admin', expiration: 'soon' },
      ['Invalid value for parameter \'expiration\': must be integer; got "soon" (string).'],
    ],
    [
      'an expiration of 0 minutes (the contract says at least 1)',
      { username: 'admin', password: 'admin', expiration: '0' },
      ["Invalid value for parameter 'expiration': must be >= 1; got 0."],
    ],
  ])('answers %s with the 400 portal envelope', async (_label, fields, details) => {
    const res = await request(mock())
      .post(TOKEN_PATH)
      .type('form')
      .send({ ...fields, f: 'json' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ error: { code: 400, message: 'Unable to generate token.', details } });
  });

  it('reads credentials only from the form body, never from the query string', async () => {
    const res = await request(mock()).post(`${TOKEN_PATH}?username=admin&password=admin&f=json`).type('form').send('');
    expect(res.body.error.code).toBe(400);
  });

  it('uses the configured credentials, not the defaults', async () => {
    const server = mock({ username: 'boss', password: 's3cret!' });
    await expect(tokenFor(server, 'admin', 'admin')).rejects.toThrow(/no token/);
    expect(await tokenFor(server, 'boss', 's3cret!')).toEqual(expect.any(String));
  });

  it('answers GET with 405, since the token endpoint takes a form POST', async () => {
    const res = await request(mock()).get(`${TOKEN_PATH}?f=json`);
    expect(res.body.error.code).toBe(405);
  });
});

describe('token transports and refusals', () => {
  const server = mock();

  it.each([
    ['the token query parameter', (req: request.Test, token: string) => req.query({ token })],
    [
      'X-Esri-Authorization: Bearer',
      (req: request.Test, token: string) => req.set('X-Esri-Authorization', `Bearer ${token}`),
    ],
    ['Authorization: Bearer', (req: request.Test, token: string) => req.set('Authorization', `Bearer ${token}`)],
  ])('accepts %s on GET', async (_label, attach) => {
    const token = await tokenFor(server);
    const res = await attach(request(server).get(`${ADMIN}/system/tasks?f=json`), token);
    expect(Array.isArray(res.body.result)).toBe(true);
  });

  it('accepts the token form field on POST', async () => {
    const token = await tokenFor(server);
    const res = await request(server).post(`${ADMIN}/system/tasks`).type('form').send({ f: 'json', token });
    expect(Array.isArray(res.body.result)).toBe(true);
  });

  it('answers 499 without a token and 498 for an unknown one', async () => {
    const none = await request(server).get(`${ADMIN}/system/tasks?f=json`);
    expect(none.body).toEqual({ error: { code: 499, message: 'Token Required.', details: [] } });
    const bad = await request(server).get(`${ADMIN}/system/tasks?f=json&token=not-a-token`);
    expect(bad.body).toEqual({ error: { code: 498, message: 'Invalid token.', details: [] } });
    const wrongScheme = await request(server)
      .get(`${ADMIN}/system/tasks?f=json`)
      .set('Authorization', 'Basic YWRtaW46YWRtaW4=');
    expect(wrongScheme.body.error.code).toBe(499);
  });

  it('answers 498 once the token has expired', async () => {
    let now = 1_700_000_000_000;
    const clocked = mock({ now: () => now });
    const token = await tokenFor(clocked, 'admin', 'admin', { expiration: '1' });
    const fresh = await request(clocked).get(`${ADMIN}/system/tasks?f=json&token=${token}`);
    expect(Array.isArray(fresh.body.result)).toBe(true);
    now += 60_000;
    const stale = await request(clocked).get(`${ADMIN}/system/tasks?f=json&token=${token}`);
    expect(stale.body.error.code).toBe(498);
  });

  it('answers 403 to the viewer, on reads and writes, and leaves the state alone', async () => {
    const token = await tokenFor(server, 'viewer', 'viewer');
    const task = await taskOfType(server, 'CleanGPJobs');
    const read = await request(server).get(`${ADMIN}/system/tasks/${task.taskId}?f=json&token=${token}`);
    expect(read.body.error).toEqual({
      code: 403,
      message: 'You do not have permissions to access this resource or perform this operation.',
      details: [],
    });
    const write = await request(server)
      .post(`${ADMIN}/system/tasks/${task.taskId}/delete`)
      .type('form')
      .send({ f: 'json', token });
    expect(write.body.error.code).toBe(403);
    expect((await taskOfType(server, 'CleanGPJobs')).taskId).toBe(task.taskId);
  });

  it('has no viewer when told so', async () => {
    const noViewer = mock({ viewer: null });
    await expect(tokenFor(noViewer, 'viewer', 'viewer')).rejects.toThrow(/no token/);
  });
});

describe('--error-status http', () => {
  const server = mock({ errorStatus: 'http' });

  it.each([
    [499, ''],
    [498, '&token=bogus'],
  ])('sends %i as the HTTP status too', async (code, extra) => {
    const res = await request(server).get(`${ADMIN}/system/tasks?f=json${extra}`);
    expect(res.status).toBe(code);
    expect(res.body.error.code).toBe(code);
  });

  it('sends 403 and 404 as HTTP statuses', async () => {
    const viewer = await tokenFor(server, 'viewer', 'viewer');
    expect((await request(server).get(`${ADMIN}/system/tasks?f=json&token=${viewer}`)).status).toBe(403);
    const admin = await tokenFor(server);
    const missing = await request(server).get(
      `${ADMIN}/system/tasks/0123456789abcdef0123456789abcdef?f=json&token=${admin}`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("Task '0123456789abcdef0123456789abcdef' does not exist.");
  });
});
