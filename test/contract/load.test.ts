import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadContract, OperationMatcher, SpecLoadError } from '../../src/contract/index.js';

const dir = await mkdtemp(join(tmpdir(), 'spec-load-'));
async function specFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function loadError(path: string): Promise<SpecLoadError> {
  try {
    await loadContract(path);
  } catch (error) {
    if (error instanceof SpecLoadError) return error;
    throw error;
  }
  throw new Error(`${path} loaded, but should not have`);
}

const contract = await loadContract();

describe('loadContract on the bundled spec', () => {
  it('models every operation of the tasks family with its method and path', () => {
    const summary = contract.operations.map((o) => `${o.method.toUpperCase()} ${o.pathTemplate}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'GET /system/tasks',
        'POST /system/tasks',
        'POST /system/tasks/createTask',
        'GET /system/tasks/{taskId}',
        'POST /system/tasks/{taskId}',
        'POST /system/tasks/{taskId}/update',
        'POST /system/tasks/{taskId}/delete',
        'POST /system/tasks/{taskId}/enable',
        'POST /system/tasks/{taskId}/disable',
        'GET /system/tasks/{taskId}/runs',
        'POST /system/tasks/{taskId}/runs',
        'GET /system/tasks/{taskId}/runs/{runId}',
        'POST /system/tasks/{taskId}/runs/{runId}',
        'POST /system/tasks/{taskId}/runs/{runId}/update',
        'POST /system/tasks/{taskId}/runs/{runId}/delete',
        'POST /generateToken',
      ]),
    );
    expect(summary).toHaveLength(16);
  });

  it('resolves servers per operation: generateToken lives under sharing/rest', () => {
    expect(contract.operationsById.get('generateToken')?.servers).toEqual(['https://{host}/{context}/sharing/rest']);
    expect(contract.operationsById.get('getTask')?.servers).toEqual(['https://{host}/{context}/admin']);
  });

  it('keeps parameters, bodies, responses by status and media type, and security', () => {
    const getTask = contract.operationsById.get('getTask')!;
    expect(getTask.parameters.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual([
      'path:taskId:true',
      'query:f:false',
    ]);
    expect([...getTask.responses.keys()]).toEqual(['200', '400', '403', '404', '498', '499', '500']);
    expect([...getTask.responses.get('200')!.content.keys()]).toEqual(['application/json', 'text/html']);
    expect(getTask.security.map((s) => Object.keys(s)[0])).toEqual(['tokenQuery', 'esriAuthorization', 'bearerAuth']);
    expect(contract.operationsById.get('generateToken')!.security).toEqual([]);
    const update = contract.operationsById.get('updateTask')!;
    expect([...update.requestBody!.content.keys()]).toEqual(['application/x-www-form-urlencoded']);
  });

  it('keeps the seed samples as named examples, dereferenced', () => {
    const examples = contract.operationsById
      .get('getTask')!
      .responses.get('200')!
      .content.get('application/json')!.examples;
    expect([...examples.keys()]).toEqual(
      expect.arrayContaining(['CleanGPJobs', 'CreateBackup', 'BackupRetentionCleaner', 'CreateHealthCheckReports']),
    );
    expect(examples.get('CreateBackup')).toMatchObject({ taskId: '5f0cdc50cf36460990bb6edfe9b60e08', generation: 2 });
  });

  it('matches concrete paths before templated ones and extracts path parameters', () => {
    const matcher = new OperationMatcher(contract.operations);
    expect(matcher.match('POST', '/system/tasks/createTask')?.operation.operationId).toBe('createTask');
    const run = matcher.match(
      'GET',
      '/system/tasks/2a1ba86743414f929c0c1f38b32f1c9c/runs/3e9d1c7b5a2f4e8d9c0b1a2f3e4d5c6b',
    );
    expect(run?.operation.operationId).toBe('getRun');
    expect(run?.pathParams).toEqual({
      taskId: '2a1ba86743414f929c0c1f38b32f1c9c',
      runId: '3e9d1c7b5a2f4e8d9c0b1a2f3e4d5c6b',
    });
    expect(matcher.match('DELETE', '/system/tasks/abc')).toBeUndefined();
    expect(matcher.allowedMethods('/system/tasks/abc').sort()).toEqual(['get', 'post']);
    expect(matcher.match('GET', '/system/nothing')).toBeUndefined();
  });

  it('matches full paths that include the server path when asked to', () => {
    const matcher = new OperationMatcher(contract.operations, { withServerPath: true });
    const getTask = matcher.match('GET', '/portal/admin/system/tasks/2a1ba86743414f929c0c1f38b32f1c9c');
    expect(getTask?.operation.operationId).toBe('getTask');
    expect(getTask?.pathParams).toEqual({ context: 'portal', taskId: '2a1ba86743414f929c0c1f38b32f1c9c' });
    expect(matcher.match('POST', '/arcgis/sharing/rest/generateToken')?.operation.operationId).toBe('generateToken');
    expect(matcher.match('GET', '/system/tasks')).toBeUndefined();
  });
});

describe('loadContract on bad files', () => {
  it('names a missing file', async () => {
    const error = await loadError(join(dir, 'missing.yaml'));
    expect(error.message).toMatch(/cannot read spec .*missing\.yaml: no such file/);
  });

  it('names the line of a YAML syntax error', async () => {
    const error = await loadError(await specFile('broken.yaml', 'openapi: 3.1.0\ninfo: [unclosed\n'));
    expect(error.message).toMatch(/cannot parse spec .*broken\.yaml: .* at line \d+, column \d+$/);
  });

  it('rejects OpenAPI 3.0 and Swagger 2.0 with the version it found', async () => {
    expect(
      (await loadError(await specFile('v30.yaml', 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n')))
        .message,
    ).toMatch(/is OpenAPI 3\.0\.3; tasks-contract needs OpenAPI 3\.1\.x/);
    expect((await loadError(await specFile('v2.json', '{"swagger": "2.0", "info": {}, "paths": {}}'))).message).toMatch(
      /is OpenAPI Swagger 2\.0/,
    );
  });

  it('rejects a document that is not an OpenAPI object', async () => {
    expect((await loadError(await specFile('list.yaml', '- a\n- b\n'))).message).toMatch(/is not an OpenAPI document/);
    expect((await loadError(await specFile('plain.yaml', 'title: hello\n'))).message).toMatch(/has no "openapi" field/);
  });

  it('names an unresolvable $ref', async () => {
    const text =
      'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /x:\n    get:\n      responses:\n        "200": {$ref: "#/components/responses/Nope"}\n';
    expect((await loadError(await specFile('ref.yaml', text))).message).toMatch(/cannot resolve references in spec/);
  });

  it('messages are one line', async () => {
    const error = await loadError(await specFile('broken2.yaml', 'a: b: c\n'));
    expect(error.message).not.toContain('\n');
  });
});
