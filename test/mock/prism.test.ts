import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse, stringify } from 'yaml';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import { generateFixtureSet } from '../../src/fixtures/index.js';
import { prismSpec, type RunningPrism, startPrism } from '../../src/mock/index.js';

// Real Prism (from our @stoplight/prism-cli dependency) on the generated copy of the contract.

const fixtures = generateFixtureSet({ seed: 11, tasksPerType: 1, runsPerTask: 2 });
const backup = fixtures.tasks.find((t) => t.taskType === 'CreateBackup')!;

describe('the Prism engine', () => {
  let prism: RunningPrism;
  beforeAll(async () => {
    prism = await startPrism({
      specPath: defaultSpecPath(),
      fixtures,
      port: 0,
      host: '127.0.0.1',
      context: 'arcgis',
      stdio: 'ignore',
      // Prism takes seconds to start, far more on a busy machine (the CLI waits as long)
      startTimeoutMs: 120_000,
    });
  });
  afterAll(() => prism?.close());

  it('generates a spec whose named examples are the fixtures, under the deployment prefixes', async () => {
    const doc = await prismSpec(defaultSpecPath(), 'arcgis', fixtures);
    expect(doc['components'].examples.CreateBackup.value).toEqual(backup);
    expect(Object.keys(doc['paths'])).toContain('/arcgis/admin/system/tasks/{taskId}');
    expect(Object.keys(doc['paths'])).toContain('/arcgis/sharing/rest/generateToken');
  });

  it("places the paths under the roots of the spec's own servers, not ArcGIS's", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'prism-layout-'));
    try {
      const spec = parse(await readFile(defaultSpecPath(), 'utf8'));
      spec.servers[0].url = 'https://{host}/{context}/administrator';
      spec.paths['/generateToken'].servers[0].url = 'https://{host}/{context}/portal/sharing';
      const specPath = join(dir, 'openapi.yaml');
      await writeFile(specPath, stringify(spec));
      const paths = Object.keys((await prismSpec(specPath, 'gis', fixtures))['paths']);
      expect(paths).toContain('/gis/administrator/system/tasks/{taskId}');
      expect(paths).toContain('/gis/portal/sharing/generateToken');
      expect(paths.filter((p) => p.startsWith('/gis/admin/'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starts on a port it picked and serves the CreateBackup fixture on Prefer: example=CreateBackup', async () => {
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${prism.adminUrl}/system/tasks/${backup.taskId}?f=json&token=anything`, {
      headers: { Prefer: 'example=CreateBackup' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(backup);
  });

  it('stops when closed', async () => {
    await prism.close();
    expect(prism.child.exitCode !== null || prism.child.signalCode !== null).toBe(true);
    await expect(fetch(`${prism.url}/arcgis/admin/system/tasks?f=json`)).rejects.toThrow();
  });
});
