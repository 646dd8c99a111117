import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { parse } from 'yaml';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import { generateFixtureSet, writeFixtureDirectory } from '../../src/fixtures/index.js';
import {
  InvalidFixturesError,
  loadFixtureDirectory,
  ScenarioError,
  scenarioState,
  startMockServer,
} from '../../src/mock/index.js';
import { runCli } from '../helpers/cli.js';
import { ADMIN, form, HEALTH_CHECK_FORM, mock, settled, state, tokenFor } from './helpers.js';

// Data that names its release (a scenario, a fixture set): the mock plays it, and its documents are judged as of it.

const examples = (
  parse(readFileSync(defaultSpecPath(), 'utf8')) as { components: { examples: Record<string, { value: unknown }> } }
).components.examples;
const healthTask = examples['CreateHealthCheckReports']!.value;

const servers: ReturnType<typeof mock>[] = [];
afterAll(async () => {
  for (const server of servers) await settled(server);
});

async function scenarioFile(scenario: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'scenario-release-')), 'release.json');
  await writeFile(file, JSON.stringify(scenario));
  return file;
}

describe('a scenario of a release', () => {
  it('makes the mock play it: currentVersion, its types only from the base, what createTask takes', async () => {
    const server = mock({ scenario: await scenarioFile({ release: '11.3', base: 'default' }) });
    servers.push(server);
    const token = await tokenFor(server);
    expect((await request(server).get(`${ADMIN}?f=json&token=${token}`)).body.currentVersion).toBe('11.3');
    const types = new Set((await state(server)).tasks.map((task) => task.taskType));
    expect(types.has('CreateHealthCheckReports')).toBe(false);
    expect(types.has('CreateBackup')).toBe(true);
    const created = await request(server)
      .post(`${ADMIN}/system/tasks/createTask`)
      .type('form')
      .send(form({ ...HEALTH_CHECK_FORM, f: 'json', token }));
    expect(created.body.error.details[0]).toMatch(/cannot be created at release 11.3/);
  });

  it('judges its tasks by the contract as of its release', async () => {
    const at113 = await scenarioFile({ release: '11.3', tasks: [healthTask] });
    await expect(scenarioState(at113)).rejects.toThrow(/\/tasks\/0.*release 11\.3/);
    await expect(scenarioState(at113)).rejects.toBeInstanceOf(ScenarioError);
    const at114 = await scenarioFile({ release: '11.4', tasks: [healthTask] });
    expect((await scenarioState(at114)).tasks).toHaveLength(1);
  });

  it('refuses a release the table does not know', async () => {
    await expect(scenarioState(await scenarioFile({ release: '9.0' }))).rejects.toThrow(
      /\/release: unknown release "9.0"/,
    );
  });

  it('refuses to start when the release option names another release, in one line', async () => {
    const started = startMockServer({
      port: 0,
      host: '127.0.0.1',
      release: '11.4',
      scenario: await scenarioFile({ release: '11.3' }),
    });
    await expect(started).rejects.toThrow(
      /release\.json: \/release: the scenario is of release 11\.3, .*--release\): drop one$/,
    );
    const same = await startMockServer({
      port: 0,
      host: '127.0.0.1',
      release: '11.3',
      scenario: await scenarioFile({ release: '11.3' }),
    });
    await same.close();
  });

  it('mock --release V --scenario FILE of another release: one line, exit 2', async () => {
    const file = await scenarioFile({ release: '11.3' });
    const result = await runCli(['mock', '--port', '0', '--release', '11.4', '--scenario', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /--scenario .*\/release: the scenario is of release 11\.3, .*\(--release\): drop one/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('is refused by a running mock of another release, which keeps its state', async () => {
    const server = mock();
    servers.push(server);
    const before = await state(server);
    const refused = await request(server)
      .post('/__mock/scenario')
      .type('form')
      .send(form({ scenario: JSON.stringify({ release: '11.3', base: 'empty' }) }));
    expect(refused.body.error.details[0]).toMatch(
      /^scenario: \/release: the scenario is of release 11\.3, the mock plays release 11\.4: drop one/,
    );
    expect(await state(server)).toEqual(before);
    const taken = await request(server)
      .post('/__mock/scenario')
      .type('form')
      .send(form({ scenario: JSON.stringify({ release: '11.4', base: 'empty' }) }));
    expect(taken.body).toMatchObject({ status: 'success', tasks: 0 });
  });
});

describe('a fixture directory of a release', () => {
  async function directoryAt(siteVersion: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'fixtures-release-'));
    const set = generateFixtureSet({ seed: 3, totalTasks: 2, types: ['CreateHealthCheckReports'] });
    await writeFixtureDirectory(dir, { ...set, meta: { ...set.meta, siteVersion } });
    return dir;
  }

  it('is judged as of its release: CreateHealthCheckReports tasks are refused at 11.3, served at 11.4', async () => {
    const refused = loadFixtureDirectory(await directoryAt('11.3'));
    await expect(refused).rejects.toBeInstanceOf(InvalidFixturesError);
    await expect(refused).rejects.toThrow(/taskType/);
    expect((await loadFixtureDirectory(await directoryAt('11.4'))).problems).toEqual([]);
  });
});
