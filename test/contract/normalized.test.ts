import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { contractFromDocument, loadContractCached } from '../../src/contract/load.js';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import { OPERATION_ROLES } from '../../src/contract/roles.js';
import { DEFAULT_TOKENS, type TokenSources } from '../../src/contract/tokens.js';

const contract = await loadContractCached();
// biome-ignore lint/suspicious/noExplicitAny: the YAML spec, edited in place by each case
type Spec = any;
const rawSpec = parse(await readFile(defaultSpecPath(), 'utf8')) as Spec;

/** The bundled spec with `edit` applied, loaded as a contract. */
async function edited(edit: (spec: Spec) => void) {
  const copy = structuredClone(rawSpec);
  edit(copy);
  return contractFromDocument(copy, defaultSpecPath());
}

const sources = (over: Partial<Record<'query' | 'form' | 'header', Record<string, string>>>): TokenSources => ({
  query: (name) => over.query?.[name],
  form: (name) => over.form?.[name],
  header: (name) => over.header?.[name],
});

describe('token placements (the spec securitySchemes)', () => {
  it('reads where tokens travel, in the order ArcGIS looks', () => {
    expect(contract.tokens.placements.map((p) => `${p.in}:${p.name}`)).toEqual([
      'form:token',
      'query:token',
      'header:x-esri-authorization',
      'header:authorization',
    ]);
    expect(contract.tokens.parameter).toBe('token');
    expect(contract.tokens.isHeader('X-Esri-Authorization')).toBe(true);
    expect(contract.tokens.isHeader('cookie')).toBe(false);
    expect(contract.tokens.headerValue('authorization', 't')).toBe('Bearer t');
  });

  it('keeps the default placements (tools without a contract) equal to the bundled spec', () => {
    expect(DEFAULT_TOKENS.placements).toEqual(contract.tokens.placements);
  });

  it('finds the token: form over query over X-Esri-Authorization over Authorization', () => {
    const all = {
      query: { token: 'q' },
      form: { token: 'f' },
      header: { 'x-esri-authorization': 'Bearer e', authorization: 'Bearer a' },
    };
    expect(contract.tokens.find(sources(all))).toEqual({ token: 'f', transport: 'form' });
    expect(contract.tokens.find(sources({ ...all, form: {} }))).toEqual({ token: 'q', transport: 'query' });
    expect(contract.tokens.find(sources({ header: all.header }))).toEqual({
      token: 'e',
      transport: 'x-esri-authorization',
    });
    expect(contract.tokens.find(sources({ header: { authorization: 'bearer  a ' } }))).toEqual({
      token: 'a',
      transport: 'authorization',
    });
    expect(contract.tokens.find(sources({ header: { authorization: 'Basic a' } }))).toEqual({
      token: undefined,
      transport: 'none',
    });
  });

  it('follows the spec: a renamed parameter and a dropped header scheme', async () => {
    const other = await edited((spec) => {
      spec.components.securitySchemes.tokenQuery.name = 'access_token';
      delete spec.components.securitySchemes.esriAuthorization;
      spec.security = spec.security.filter((s: object) => !('esriAuthorization' in s));
    });
    expect(other.tokens.placements.map((p) => `${p.in}:${p.name}`)).toEqual([
      'form:access_token',
      'query:access_token',
      'header:authorization',
    ]);
    expect(other.tokens.find(sources({ header: { 'x-esri-authorization': 'Bearer e' } })).transport).toBe('none');
  });
});

describe('layout (the spec servers)', () => {
  it('derives admin root, token URL and context from the servers', () => {
    expect(contract.layout.paths('gis')).toEqual({
      adminRoot: '/gis/admin',
      portalRoot: '/gis/sharing/rest',
      tokenPath: '/gis/sharing/rest/generateToken',
    });
    expect(contract.layout.tokenUrl('https://h:7443/arcgis/admin/')).toBe(
      'https://h:7443/arcgis/sharing/rest/generateToken',
    );
    expect(contract.layout.tokenUrlForPath('http://h:1/x', '/portal/admin/system/tasks')).toBe(
      'http://h:1/portal/sharing/rest/generateToken',
    );
    expect(contract.layout.contextOf('https://h/a/b/admin')).toBe('a/b');
    expect(contract.layout.contextOf('https://h/portal/admin/')).toBe('portal');
    expect(contract.layout.isPortal(contract.roles.token()!)).toBe(true);
    expect(contract.layout.isPortal(contract.roles.read('list', 'get')!)).toBe(false);
  });

  it('follows a spec whose servers differ', async () => {
    const other = await edited((spec) => {
      spec.servers[0].url = 'https://{host}/{context}/administrator';
      spec.paths['/generateToken'].servers[0].url = 'https://{host}/{context}/portal/sharing';
    });
    expect(other.layout.paths('gis').adminRoot).toBe('/gis/administrator');
    expect(other.layout.tokenUrl('https://h/gis/administrator')).toBe('https://h/gis/portal/sharing/generateToken');
    expect(other.layout.tokenUrl('https://h/gis/admin')).toBeUndefined();
    expect(other.layout.contextOf('https://h/gis/administrator')).toBe('gis');
  });

  it('has no token URL without a token operation', async () => {
    const other = await edited((spec) => {
      delete spec.paths['/generateToken'];
    });
    expect(other.layout.tokenUrl('https://h/arcgis/admin')).toBeUndefined();
    expect(other.roles.token()).toBeUndefined();
  });
});

describe('operation roles', () => {
  it('gives every operation of the bundled spec a role, and every role an operation', () => {
    expect(contract.operations.filter((o) => o.role === undefined).map((o) => o.operationId)).toEqual([]);
    expect(Object.keys(OPERATION_ROLES).sort()).toEqual(contract.operations.map((o) => o.operationId).sort());
    expect(contract.roles.read('task', 'post')?.operationId).toBe('getTaskPost');
    expect(contract.roles.write('update-run')?.operationId).toBe('updateRun');
    expect(contract.roles.missing(true)).toEqual([]);
  });

  it('names what a spec lacks by operationId', async () => {
    const other = await edited((spec) => {
      delete spec.paths['/system/tasks/{taskId}/enable'];
    });
    expect(other.roles.missing(false)).toEqual([]);
    expect(other.roles.missing(true)).toEqual(['enableTask']);
  });

  it('fills an operation path by role, so no API path is written outside the contract', () => {
    expect(contract.roles.path({ kind: 'read', resource: 'run', via: 'get' }, { taskId: 'a b', runId: 'r' })).toBe(
      '/system/tasks/a%20b/runs/r',
    );
  });
});

describe('model accessors', () => {
  it('names the spec (info) and its component schemas', () => {
    expect(contract.info.version).toMatch(/^\d+\.\d+/);
    expect(contract.schemas.has('Task')).toBe(true);
  });
});
