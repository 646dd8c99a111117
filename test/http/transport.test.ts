import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Transport } from '../../src/http/transport.js';

// One real server whose paths misbehave on purpose; the transport must report each as data.
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
const seen: Seen[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    if (req.url === '/redirect') return res.writeHead(302, { location: '/elsewhere' }).end();
    if (req.url === '/big') return res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(5000));
    if (req.url === '/stall') return; // never answers
    res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }).end('{"ok":true}');
  });
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('Transport.sendRaw', () => {
  it('sends any method, the headers and the raw body as given, and adds the Referer unless a header has one', async () => {
    const transport = new Transport({ timeoutMs: 30_000, maxSockets: 1, referer: 'https://app.example' });
    try {
      const answer = await transport.sendRaw({
        method: 'PUT',
        url: `${base}/raw?f=json&f=pjson`,
        headers: { 'Content-Type': 'application/json', 'X-Esri-Authorization': 'Bearer t' },
        body: '{"a":1}',
      });
      expect(answer.fault).toBeUndefined();
      expect(answer.response?.text).toBe('{"ok":true}');
      expect(answer.response?.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      const request = seen.at(-1)!;
      expect(request).toMatchObject({ method: 'PUT', url: '/raw?f=json&f=pjson', body: '{"a":1}' });
      expect(request.headers).toMatchObject({
        'content-type': 'application/json',
        'x-esri-authorization': 'Bearer t',
        'content-length': '7',
        referer: 'https://app.example',
      });
      await transport.sendRaw({ method: 'GET', url: `${base}/raw`, headers: { Referer: 'https://other.example' } });
      expect(seen.at(-1)!.headers.referer).toBe('https://other.example');
      expect(transport.sent).toBe(2);
      expect(transport.answered).toBe(2);
    } finally {
      transport.close();
    }
  });

  it('returns a redirect as the answer instead of following it', async () => {
    const transport = new Transport({ timeoutMs: 30_000, maxSockets: 1 });
    try {
      const before = seen.length;
      const answer = await transport.sendRaw({ method: 'GET', url: `${base}/redirect` });
      expect(answer.response?.status).toBe(302);
      expect(answer.response?.headers['location']).toBe('/elsewhere');
      expect(seen.length).toBe(before + 1);
    } finally {
      transport.close();
    }
  });

  it('caps the body it reads and times out a server that never answers, as faults', async () => {
    // the cap is judged with a budget load cannot exhaust; the stall with a short one it must reach
    const patient = new Transport({ timeoutMs: 30_000, maxSockets: 2, maxBodyBytes: 1000 });
    const hasty = new Transport({ timeoutMs: 300, maxSockets: 2 });
    try {
      const [big, stalled] = await Promise.all([
        patient.sendRaw({ method: 'GET', url: `${base}/big` }),
        hasty.sendRaw({ method: 'GET', url: `${base}/stall` }),
      ]);
      expect(big.response).toBeUndefined();
      expect(big.fault?.kind).toBe('too-large');
      expect(stalled.fault).toMatchObject({ kind: 'timeout' });
    } finally {
      patient.close();
      hasty.close();
    }
  });
});

describe('Transport.send', () => {
  it('puts the query and the token in the URL on GET, in the form on POST, on the URL as a parser writes it', async () => {
    const wires: { method: string; url: string; body: string | undefined }[] = [];
    const transport = new Transport({
      timeoutMs: 30_000,
      maxSockets: 1,
      token: 'secret t&=',
      onWire: ({ request }) => wires.push({ method: request.method, url: request.url, body: request.body }),
    });
    const shouting = base.replace('http://', 'HTTP://');
    try {
      const before = seen.length;
      await transport.send({ method: 'GET', url: `${shouting}/a/./b`, query: { f: 'json' }, auth: 'token' });
      await transport.send({ method: 'GET', url: `${base}/q?x=1&f=html`, query: { f: 'pjson' }, auth: 'invalid' });
      await transport.send({ method: 'GET', url: `${base}/none`, query: {}, auth: 'none' });
      await transport.send({
        method: 'POST',
        url: `${base}/p`,
        query: {},
        form: { f: 'json', a: 'b c' },
        auth: 'token',
      });
      expect(seen.slice(before).map(({ method, url, body }) => ({ method, url, body }))).toEqual([
        { method: 'GET', url: '/a/b?f=json&token=secret+t%26%3D', body: '' },
        { method: 'GET', url: '/q?x=1&f=pjson&token=tasks-contract-invalid-token', body: '' },
        { method: 'GET', url: '/none', body: '' },
        { method: 'POST', url: '/p', body: 'f=json&a=b+c&token=secret+t%26%3D' },
      ]);
      expect(wires).toEqual([
        { method: 'GET', url: `${base}/a/b?f=json&token=secret+t%26%3D`, body: undefined },
        { method: 'GET', url: `${base}/q?x=1&f=pjson&token=tasks-contract-invalid-token`, body: undefined },
        { method: 'GET', url: `${base}/none`, body: undefined },
        { method: 'POST', url: `${base}/p`, body: 'f=json&a=b+c&token=secret+t%26%3D' },
      ]);
    } finally {
      transport.close();
    }
  });
});
