import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { MAX_BODY_BYTES, type RunningMock, startMockServer } from '../../src/mock/index.js';
import { detectErrorEnvelope } from '../../src/validation/envelope.js';
import { ADMIN, tokenFor } from './helpers.js';

let mock: RunningMock;
let token: string;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
  token = await tokenFor(mock.server);
});
afterAll(() => mock.close());

/** Sends a chunked POST, one chunk at a time, and resolves with the answer as soon as it comes. */
function streamingPost(
  path: string,
  chunk: Buffer,
  chunks: number,
): Promise<{ status: number; body: string; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    const req = httpRequest(
      `${mock.url}${path}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
      },
      (res) => {
        let body = '';
        res
          .setEncoding('utf8')
          .on('data', (c: string) => (body += c))
          .on('end', () => resolve({ status: res.statusCode!, body, sentBytes }));
      },
    );
    req.on('error', reject);
    let i = 0;
    const pump = () => {
      if (i++ >= chunks) return req.end();
      sentBytes += chunk.length;
      // wait for each chunk to drain: the answer can arrive before the body is complete
      req.write(chunk, () => setImmediate(pump));
    };
    pump();
  });
}

describe('bodies over 1 MiB', () => {
  it('answers 413 at once when Content-Length says so, without reading the body', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${mock.url}${ADMIN}/system/tasks/createTask`,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': String(MAX_BODY_BYTES * 50),
          },
        },
        (r) => {
          let body = '';
          r.setEncoding('utf8')
            .on('data', (c: string) => (body += c))
            .on('end', () => resolve({ status: r.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.write('f=json'); // 50 MiB promised, 6 bytes sent: the answer cannot depend on the rest
    });
    expect(res.status).toBe(413);
    expect(detectErrorEnvelope(JSON.parse(res.body))?.code).toBe(413);
  });

  it('answers 413 once a chunked body passes the limit, before the client has sent it all', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const res = await streamingPost(`${ADMIN}/system/tasks/createTask`, chunk, 200); // 12.5 MiB offered
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe(413);
    expect(res.sentBytes).toBeLessThan(64 * 1024 * 200);
  });

  it('keeps serving afterwards', async () => {
    const res = await fetch(`${mock.adminUrl}/system/tasks?f=json&token=${token}`);
    expect(Array.isArray(((await res.json()) as { result: unknown[] }).result)).toBe(true);
  });
});

describe('malformed requests get an envelope', () => {
  it.each([
    ['an unknown path', 'GET', '/arcgis/admin/nothing/here?f=json', 404],
    ['a path outside the context', 'GET', '/other/admin/system/tasks?f=json', 404],
    ['a wrong method on a resource', 'DELETE', `/arcgis/admin/system/tasks?f=json`, 405],
    ['GET on an operation', 'GET', `/arcgis/admin/system/tasks/createTask?f=json`, 405],
    ['an unknown f', 'GET', `/arcgis/admin/system/tasks?f=xml`, 400],
    ['a malformed %-escape', 'GET', `/arcgis/admin/system/tasks?f=json&token=%E0%A4%A`, 400],
  ])('%s', async (_label, method, path, code) => {
    const res = await request(mock.server)[method.toLowerCase() as 'get'](path);
    expect(res.status).toBe(200);
    expect(res.body.error.code).toBe(code);
  });

  it('405 names the allowed methods', async () => {
    const res = await request(mock.server).get(`${ADMIN}/system/tasks/createTask?f=json`);
    expect(res.headers['allow']).toBe('POST');
  });

  it('refuses a JSON body (ArcGIS takes forms) with 400', async () => {
    const res = await request(mock.server)
      .post(`${ADMIN}/system/tasks?f=json`)
      .set('Content-Type', 'application/json')
      .send('{"token":"x"}');
    expect(res.body.error.code).toBe(400);
  });

  it('answers a very long URL with 414', async () => {
    const res = await fetch(`${mock.adminUrl}/system/tasks?f=json&pad=${'x'.repeat(9000)}`);
    expect(res.status).toBe(414);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(414);
  });

  it('answers headers over the limit with 431 and an envelope', async () => {
    const res = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(mock.url).port), '127.0.0.1');
      let text = '';
      socket
        .on('data', (d) => (text += d.toString()))
        .on('close', () => resolve(text))
        .on('error', () => resolve(text));
      socket.write(`GET /arcgis/admin/system/tasks?f=json HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`);
    });
    expect(res).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(res.slice(res.indexOf('\r\n\r\n') + 4)).error.code).toBe(431);
  });

  it('answers garbage on the wire with 400 and an envelope', async () => {
    const res = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(mock.url).port), '127.0.0.1');
      let text = '';
      socket
        .on('data', (d) => (text += d.toString()))
        .on('close', () => resolve(text))
        .on('error', () => resolve(text));
      socket.write('THIS IS NOT HTTP\r\n\r\n');
    });
    expect(res).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(res.slice(res.indexOf('\r\n\r\n') + 4)).error.code).toBe(400);
  });

  it('sets timeouts for slow clients', () => {
    expect(mock.server.headersTimeout).toBeGreaterThan(0);
    expect(mock.server.headersTimeout).toBeLessThanOrEqual(mock.server.requestTimeout);
  });
});
