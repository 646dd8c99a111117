import { describe, expect, it } from '@jest/globals';
import { loadContract } from '../../src/contract/index.js';
import { compatibilityMatrix, normalizePact, PactSpecChecker } from '../../src/pact/index.js';
import { ContractValidator } from '../../src/validation/index.js';

const contract = await loadContract();
const checker = new PactSpecChecker(contract, new ContractValidator(contract));
const taskId = '5f0cdc50cf36460990bb6edfe9b60e08';
const getTaskPath = `/arcgis/admin/system/tasks/${taskId}`;

type Json = Record<string, unknown>;
const v3 = (interactions: Json[]) => ({
  consumer: { name: 'BackupDashboard' },
  provider: { name: 'ArcGISEnterpriseAdmin' },
  interactions,
  metadata: { pactSpecification: { version: '3.0.0' } },
});
const getTask = (response: Json, request: Json = {}) => ({
  description: 'a CreateBackup task',
  providerStates: [{ name: `a CreateBackup task ${taskId} exists` }],
  request: { method: 'GET', path: getTaskPath, query: { f: ['json'], token: ['t'] }, ...request },
  response: { status: 200, headers: { 'Content-Type': 'application/json' }, ...response },
});
const verdictOf = (pact: unknown) => checker.check(normalizePact(pact, 'test.json'))[0]!;

describe('pact check-spec: compatible interactions', () => {
  it('accepts a partial body with type matchers, as consumers write them', () => {
    const verdict = verdictOf(
      v3([
        getTask({
          body: {
            taskId,
            taskType: 'CreateBackup',
            taskState: 'paused',
            parameters: { metaData: { retention: { type: 'day', value: 14 } } },
          },
          matchingRules: {
            body: {
              '$.taskState': { matchers: [{ match: 'regex', regex: '^(active|paused)$' }] },
              '$.parameters': { matchers: [{ match: 'type' }] },
            },
          },
        }),
      ]),
    );
    expect(verdict).toMatchObject({ verdict: 'compatible', operationId: 'getTask', reasons: [] });
  });

  it('accepts a form POST whose token and parameters travel in the body (v2 file, flat rules)', () => {
    const pact = {
      consumer: { name: 'OpsScript' },
      provider: { name: 'ArcGISEnterpriseAdmin' },
      metadata: { pactSpecification: { version: '2.0.0' } },
      interactions: [
        {
          description: 'disable a task',
          providerState: 'an active task exists',
          request: {
            method: 'POST',
            path: `/arcgis/admin/system/tasks/${taskId}/disable`,
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'f=json&token=t',
          },
          response: {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
            body: { status: 'success' },
            matchingRules: { '$.body.status': { match: 'regex', regex: '^success$' } },
          },
        },
      ],
    };
    expect(verdictOf(pact)).toMatchObject({ verdict: 'compatible', operationId: 'disableTask' });
  });

  it('warns, but accepts, an example value the spec rejects where a type matcher lets the provider send a valid one', () => {
    const verdict = verdictOf(
      v3([
        getTask({
          body: { taskId, taskType: 'CreateBackup', created: '2021-10-22T20:18:28Z' },
          matchingRules: { body: { '$.created': { matchers: [{ match: 'type' }] } } },
        }),
      ]),
    );
    expect(verdict.verdict).toBe('compatible');
    expect(verdict.warnings.map((w) => w.pointer)).toEqual(['/created']);
  });
});

describe('pact check-spec: interactions that must fail', () => {
  it('a field the spec does not have', () => {
    const verdict = verdictOf(v3([getTask({ body: { taskId, taskType: 'CreateBackup', nextRun: 1634961600000 } })]));
    expect(verdict.verdict).toBe('incompatible');
    expect(verdict.reasons[0]).toMatchObject({ part: 'response', pointer: '/nextRun' });
    expect(verdict.reasons[0]!.message).toMatch(/the spec has no such field/);
  });

  it('a wrong type, even under a type matcher', () => {
    const verdict = verdictOf(
      v3([
        getTask({
          body: { taskId, taskType: 'CreateBackup', generation: '2' },
          matchingRules: { body: { '$.generation': { matchers: [{ match: 'type' }] } } },
        }),
      ]),
    );
    expect(verdict.verdict).toBe('incompatible');
    expect(verdict.reasons.map((r) => r.pointer)).toEqual(['/generation']);
  });

  it('a status code the spec does not allow', () => {
    const verdict = verdictOf(v3([getTask({ status: 201, body: { taskId, taskType: 'CreateBackup' } })]));
    expect(verdict.verdict).toBe('incompatible');
    expect(verdict.reasons[0]!.message).toMatch(/status 201 is not documented for getTask/);
  });

  it('a path that does not exist, and a method the path does not allow', () => {
    const noPath = verdictOf(v3([getTask({ body: {} }, { path: '/arcgis/admin/system/schedules' })]));
    expect(noPath).toMatchObject({ verdict: 'not-covered', operationId: undefined });
    expect(noPath.reasons[0]!.message).toMatch(/no path matching/);
    const noMethod = verdictOf(v3([getTask({ body: {} }, { method: 'DELETE' })]));
    expect(noMethod.verdict).toBe('not-covered');
    expect(noMethod.reasons[0]!.message).toMatch(/has no DELETE on .*\(it allows GET, POST\)/);
  });

  it('a matching rule no valid response can meet', () => {
    const verdict = verdictOf(
      v3([
        getTask({
          body: { taskId, taskType: 'CreateBackup', taskState: 'running' },
          matchingRules: { body: { '$.taskState': { matchers: [{ match: 'regex', regex: '^(running|stopped)$' }] } } },
        }),
      ]),
    );
    expect(verdict.verdict).toBe('incompatible');
    expect(verdict.reasons[0]).toMatchObject({ pointer: '/taskState' });
    expect(verdict.reasons[0]!.message).toMatch(/no response the spec allows can match regex/);
  });

  it("a matching rule the pact's own example breaks", () => {
    const verdict = verdictOf(
      v3([
        getTask({
          body: { taskId, taskType: 'CreateBackup' },
          matchingRules: { body: { '$.taskId': { matchers: [{ match: 'regex', regex: '^[A-Z]+$' }] } } },
        }),
      ]),
    );
    expect(verdict.reasons.map((r) => r.part)).toContain('matching-rule');
  });

  it('a request the spec rejects: an unknown f and a non-JSON parameters field', () => {
    const badF = verdictOf(v3([getTask({ body: { taskId } }, { query: { f: ['xml'] } })]));
    expect(badF.reasons[0]).toMatchObject({ part: 'request', pointer: '/query/f' });
    const update = {
      description: 'update',
      request: {
        method: 'POST',
        path: `/arcgis/admin/system/tasks/${taskId}/update`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'f=json&parameters=%7Bnope',
      },
      response: { status: 200, body: { status: 'success' } },
    };
    expect(verdictOf(v3([update])).reasons[0]).toMatchObject({ part: 'request', pointer: '/body/parameters' });
  });
});

describe('pact check-spec on v4 files and the compatibility matrix', () => {
  it('reads v4 bodies and answers can-i-deploy per consumer and spec version', () => {
    const pact = {
      consumer: { name: 'BackupDashboard' },
      provider: { name: 'ArcGISEnterpriseAdmin' },
      metadata: { pactSpecification: { version: '4.0' } },
      interactions: [
        {
          type: 'Synchronous/HTTP',
          description: 'list',
          request: { method: 'GET', path: '/arcgis/admin/system/tasks', query: { f: ['json'] } },
          response: {
            status: 200,
            headers: { 'Content-Type': ['application/json'] },
            body: {
              content: { result: [{ taskType: 'CreateBackup' }] },
              contentType: 'application/json',
              encoded: false,
            },
            matchingRules: { body: { '$.result': { combine: 'AND', matchers: [{ match: 'type', min: 1 }] } } },
          },
        },
        {
          type: 'Synchronous/HTTP',
          description: 'bad',
          request: { method: 'GET', path: '/arcgis/admin/system/tasks', query: { f: ['json'] } },
          response: {
            status: 200,
            body: { content: { result: 'none' }, contentType: 'application/json', encoded: false },
          },
        },
        { type: 'Asynchronous/Messages', description: 'a message', contents: {} },
      ],
    };
    const normalized = normalizePact(pact, 'v4.json');
    expect(normalized.skipped).toEqual(['a message (Asynchronous/Messages)']);
    const verdicts = checker.check(normalized);
    expect(verdicts.map((v) => v.verdict)).toEqual(['compatible', 'incompatible']);
    expect(compatibilityMatrix(verdicts, '1.0.0')).toEqual([
      {
        consumer: 'BackupDashboard',
        provider: 'ArcGISEnterpriseAdmin',
        specVersion: '1.0.0',
        pact: 'v4.json',
        compatible: false,
        counts: { compatible: 1, incompatible: 1, 'not-covered': 0 },
      },
    ]);
  });
});
