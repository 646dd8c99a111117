import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KEPT_TEXT_BYTES, Transport } from '../../src/http/transport.js';

// A big site's f=html directory page runs to megabytes: verify keeps its start (where the HTML
// check looks), while JSON answers are kept whole.

const BIG = 3 * 1024 * 1024;
const server = createServer((request, response) => {
  const html = request.url?.includes('f=html');
  response.writeHead(200, { 'content-type': html ? 'text/html' : 'application/json' });
  response.end(
    html ? `<!DOCTYPE html><html><body>${'x'.repeat(BIG)}</body></html>` : JSON.stringify({ result: 'y'.repeat(BIG) }),
  );
});
let base: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/page`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('Transport', () => {
  it('keeps about the first MiB of an answer it does not parse, and all of a JSON answer', async () => {
    const transport = new Transport({ timeoutMs: 30_000, maxSockets: 2 });
    try {
      const html = await transport.send({ method: 'GET', url: base, query: { f: 'html' }, auth: 'none' }, false);
      expect(html.fault).toBeUndefined();
      expect(html.response!.text.startsWith('<!DOCTYPE html><html>')).toBe(true);
      expect(html.response!.text.length).toBeGreaterThanOrEqual(KEPT_TEXT_BYTES);
      expect(html.response!.text.length).toBeLessThan(KEPT_TEXT_BYTES + 256 * 1024); // at most one more chunk
      const json = await transport.send({ method: 'GET', url: base, query: { f: 'json' }, auth: 'none' });
      expect((json.json as { result: string }).result).toHaveLength(BIG);
    } finally {
      transport.close();
    }
  });
});
