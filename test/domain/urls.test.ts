import { describe, expect, it } from '@jest/globals';
import { loadContractCached } from '../../src/contract/load.js';
import {
  ARCGIS_LAYOUT,
  deploymentPaths,
  deploymentUrls,
  isTokenServer,
  PathTemplate,
  serverPathOf,
  tokenUrlFor,
  tokenUrlForPath,
} from '../../src/domain/index.js';

describe('PathTemplate', () => {
  it('captures one path segment per placeholder, and only whole paths', () => {
    const template = new PathTemplate('/system/tasks/{taskId}/runs/{runId}');
    expect(template.names).toEqual(['taskId', 'runId']);
    expect(template.match('/system/tasks/abc/runs/def')).toEqual({ taskId: 'abc', runId: 'def' });
    expect(template.match('/system/tasks/a/b/runs/def')).toBeUndefined();
    expect(template.match('/system/tasks/abc/runs/def/')).toBeUndefined();
    expect(template.match('/x/system/tasks/abc/runs/def')).toBeUndefined();
  });

  it('escapes the literal text: dots and brackets are not regex syntax', () => {
    expect(new PathTemplate('/a.b/{id}').match('/aXb/1')).toBeUndefined();
    expect(new PathTemplate('/a.b/{id}').match('/a.b/1')).toEqual({ id: '1' });
    expect(new PathTemplate('/(x)+/{id}').match('/(x)+/1')).toEqual({ id: '1' });
  });

  it('allows a trailing slash, decodes escapes and keeps a malformed one as sent, when asked', () => {
    const template = new PathTemplate('/tasks/{taskId}', { end: 'slash', decode: true });
    expect(template.match('/tasks/a%20b/')).toEqual({ taskId: 'a b' });
    expect(template.match('/tasks/%E0%A4%A')).toEqual({ taskId: '%E0%A4%A' });
  });

  it('captures any text with value "text", and the rest after a prefix match', () => {
    expect(
      new PathTemplate('a {type} task {taskId} exists', { value: 'text' }).match('a Create Backup task x/y exists'),
    ).toEqual({
      type: 'Create Backup',
      taskId: 'x/y',
    });
    expect(new PathTemplate('/{context}/admin', { end: 'prefix' }).matchWithRest('/arcgis/admin/system/tasks')).toEqual(
      {
        values: { context: 'arcgis' },
        rest: '/system/tasks',
      },
    );
  });

  it('fills placeholders, keeping those without a value as written', () => {
    const template = new PathTemplate('/tasks/{taskId}/runs/{runId}');
    expect(template.fill((name) => (name === 'taskId' ? 'abc' : undefined))).toBe('/tasks/abc/runs/{runId}');
    expect(template.literalLength).toBe('/tasks//runs/'.length);
  });

  it('takes the path of a server URL template', () => {
    expect(serverPathOf('https://{host}/{context}/admin/')).toBe('/{context}/admin');
    expect(serverPathOf('/relative/root')).toBe('/relative/root');
    expect(serverPathOf('https://host')).toBe('');
  });
});

describe('the token URL', () => {
  it('is derived from an admin root, keeping scheme, port and a context of any depth', () => {
    expect(tokenUrlFor('https://host:7443/arcgis/admin/')).toBe('https://host:7443/arcgis/sharing/rest/generateToken');
    expect(tokenUrlFor('http://h/a/b/admin')).toBe('http://h/a/b/sharing/rest/generateToken');
    expect(tokenUrlFor('https://host/portal')).toBeUndefined();
  });

  it('is derived from a request path under an admin root, as pact files write them', () => {
    expect(tokenUrlForPath('http://127.0.0.1:4010/ignored', '/portal/admin/system/tasks')).toBe(
      'http://127.0.0.1:4010/portal/sharing/rest/generateToken',
    );
    expect(tokenUrlForPath('http://h', '/system/tasks')).toBeUndefined();
    expect(tokenUrlForPath('http://h', '/arcgis/administrator/x')).toBeUndefined();
  });

  it('and the admin root of a deployment come from one layout', () => {
    expect(deploymentUrls('http://[::1]:4010/', 'portal')).toEqual({
      adminUrl: 'http://[::1]:4010/portal/admin',
      tokenUrl: 'http://[::1]:4010/portal/sharing/rest/generateToken',
    });
    expect(deploymentPaths('arcgis')).toEqual({
      adminRoot: '/arcgis/admin',
      portalRoot: '/arcgis/sharing/rest',
      tokenPath: '/arcgis/sharing/rest/generateToken',
    });
    expect(tokenUrlFor(deploymentUrls('https://h', 'gis').adminUrl)).toBe(deploymentUrls('https://h', 'gis').tokenUrl);
  });

  it("follows the bundled spec's servers (the layout cannot drift from the contract)", async () => {
    const contract = await loadContractCached();
    const token = contract.operationsById.get('generateToken')!;
    expect({
      adminServer: contract.operationsById.get('listTasks')!.servers[0],
      tokenServer: token.servers[0],
      tokenPath: token.pathTemplate,
    }).toEqual(ARCGIS_LAYOUT);
    expect(isTokenServer(token.servers[0]!)).toBe(true);
    expect(isTokenServer(contract.operationsById.get('listTasks')!.servers[0]!)).toBe(false);
  });
});
