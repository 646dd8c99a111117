import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { jsonTextDepth } from '../../src/input/index.js';
import { CONTROL_TABLE } from '../../src/mock/control/table.js';
import { type RunningMock, startMockServer } from '../../src/mock/index.js';
import { parseParams, parseParamsLeniently } from '../../src/mock/params.js';
import { detectErrorEnvelope } from '../../src/validation/envelope.js';

// issue 17, proof: a fast-check run over the control endpoints and the form parsers. Whatever the
// path, method and form, the mock answers (200 with JSON, or an ArcGIS error envelope) and survives.
// Bounded: 200 requests, 200 parser cases.

let mock: RunningMock;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 'fuzz', clock: '2026-01-01T00:00:00Z' });
});
afterAll(async () => {
  agent.destroy();
  await mock.close();
});

function send(method: string, path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${mock.url}${path}`,
      { method, agent, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (c: string) => (text += c))
          .on('end', () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const FIELD_NAMES = ['set', 'advance', 'freeze', 'resume', 'f', 'taskId', 'taskType', 'outcome', 'times', 'message'];
const FIELD_NAMES_MORE = [...FIELD_NAMES, 'task', 'runs', 'name', 'scenario', 'limit', 'method', 'since', 'x'];
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    'P1D',
    'P100Y',
    '-P1D',
    'PT0S',
    '2026-01-01T00:00:00Z',
    '1e309',
    'failed',
    'CreateBackup',
    '%',
    '%zz',
  ),
  fc.integer({ min: 1, max: 5000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.json({ maxDepth: 4 }),
);
const form = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES_MORE), fc.string({ maxLength: 8 })), hostileText), {
    maxLength: 6,
  })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
// now and then a raw, possibly malformed, body
const body = fc.oneof(form, fc.string({ maxLength: 60 }));
const paths = [...Object.keys(CONTROL_TABLE), '/__mock/', '/__mock/nothing', '/__mock/requests/count/x'];

describe('fuzzing the control endpoints', () => {
  it('answers every request with JSON or an ArcGIS error envelope, and stays up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'DELETE', 'PUT'),
        fc.constantFrom(...paths),
        body,
        fc.boolean(),
        async (method, path, text, inQuery) => {
          const target = inQuery && text !== '' ? `${path}?${text}` : path;
          const res = await send(method, target, inQuery ? '' : text);
          expect(res.status).toBeLessThan(500);
          const parsed = JSON.parse(res.text) as unknown;
          const envelope = detectErrorEnvelope(parsed);
          if (envelope) expect(envelope.code).toBeGreaterThanOrEqual(400);
          else expect(res.status).toBe(200);
        },
      ),
      { numRuns: 200, seed: 17 },
    );
    const alive = await send('GET', '/__mock/state', '');
    expect(alive.status).toBe(200);
  }, 300_000);
});

describe('fuzzing the form parsers', () => {
  it('parseParams and parseParamsLeniently never throw, and agree on well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const strict = new Map<string, string>();
        const ok = parseParams(text, strict, []);
        const lenient = parseParamsLeniently(text);
        if (ok) expect([...lenient.keys()].sort()).toEqual([...strict.keys()].sort());
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('jsonTextDepth matches the nesting of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const depthOf = (v: unknown): number =>
          v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;
        expect(jsonTextDepth(JSON.stringify(value), 1000)).toBe(depthOf(value));
      }),
      { numRuns: 200, seed: 17 },
    );
  });
});
