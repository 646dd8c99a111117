import { describe, expect, it } from '@jest/globals';
import { loadContractCached } from '../../src/contract/load.js';
import { classifyError, parseJsonBody } from '../../src/http/transport.js';
import { detectErrorEnvelope } from '../../src/validation/envelope.js';
import { ApiMap } from '../../src/verify/api-map.js';
import { jsonDifferences } from '../../src/verify/json-diff.js';
import { inShard, parseShard } from '../../src/verify/shard.js';

const contract = await loadContractCached();

describe('ApiMap', () => {
  it('derives the token URL through the spec servers, keeping scheme, port and context', () => {
    expect(new ApiMap(contract, 'https://host:7443/arcgis/admin/').tokenUrl()).toBe(
      'https://host:7443/arcgis/sharing/rest/generateToken',
    );
    expect(new ApiMap(contract, 'http://h/a/b/admin').tokenUrl()).toBe('http://h/a/b/sharing/rest/generateToken');
    expect(new ApiMap(contract, 'https://host/portal').tokenUrl()).toBeUndefined();
  });

  it('builds URLs from path templates, encoding parameters', () => {
    const api = new ApiMap(contract, 'https://host/arcgis/admin');
    expect(api.url(api.read('run', 'get'), { taskId: 'a/b', runId: 'c' })).toBe(
      'https://host/arcgis/admin/system/tasks/a%2Fb/runs/c',
    );
    expect(api.missingOperations(true)).toEqual([]);
  });
});

describe('shards', () => {
  it('parse i/n and refuse the rest', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('0/4')).toMatch(/between 1 and n/);
    expect(parseShard('5/4')).toMatch(/between 1 and n/);
    expect(parseShard('1-4')).toMatch(/i\/n/);
  });

  it('split ids into disjoint shards that cover them all, the same way every time', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i.toString(16).padStart(32, '0'));
    const shards = [1, 2, 3].map((index) => ids.filter((id) => inShard(id, { index, count: 3 })));
    expect(shards.flat().sort()).toEqual([...ids].sort());
    for (const shard of shards) expect(shard.length).toBeGreaterThan(250);
    expect(ids.filter((id) => inShard(id, { index: 2, count: 3 }))).toEqual(shards[1]);
  });
});

describe('transport classification', () => {
  it('names connection errors', () => {
    const kind = (code: string, message = code) => classifyError(Object.assign(new Error(message), { code })).kind;
    expect([
      kind('ECONNREFUSED'),
      kind('ECONNRESET'),
      kind('ENOTFOUND'),
      kind('EPROTO'),
      kind('DEPTH_ZERO_SELF_SIGNED_CERT'),
      kind('EHOSTUNREACH'),
    ]).toEqual(['refused', 'reset', 'dns', 'tls', 'tls', 'network']);
  });

  it('tells an HTML login page from other non-JSON bodies', () => {
    const answer = (text: string) =>
      parseJsonBody({ status: 200, contentType: 'text/html', headers: {}, text }).fault?.kind;
    expect(answer('<html><form><input type="password"> Sign in</form></html>')).toBe('html-login-page');
    expect(answer('<html><body>Service unavailable</body></html>')).toBe('non-json');
    expect(answer('')).toBe('empty-body');
    expect(answer('{"a":1}')).toBeUndefined();
  });
});

describe('helpers', () => {
  it('a failed run is not an error envelope; an admin envelope is', () => {
    expect(detectErrorEnvelope({ runId: 'x', status: 'failed', task: {} })).toBeUndefined();
    expect(detectErrorEnvelope({ status: 'failed', messages: ['m'] })?.kind).toBe('admin');
    expect(detectErrorEnvelope({ status: 'error', messages: ['m'], code: 404 })?.code).toBe(404);
    expect(detectErrorEnvelope({ error: { code: 498, message: 'Invalid token.' } })).toMatchObject({
      kind: 'portal',
      code: 498,
    });
  });

  it('jsonDifferences points at each difference', () => {
    expect(jsonDifferences({ a: 1, b: [1, 2], c: { d: 'x' } }, { a: 1, b: [1, 3], c: {} })).toEqual([
      { pointer: '/b/1', expected: 2, actual: 3 },
      { pointer: '/c/d', expected: 'x', actual: undefined },
    ]);
  });
});
