import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { loadContractCached } from '../../src/contract/load.js';
import { packageRoot } from '../../src/contract/package-root.js';
import { checkRunInvariants, checkTaskInvariants, toEpochMillis } from '../../src/domain/index.js';
import {
  bundledScenarios,
  MAX_RUNS_PER_TASK,
  type RunningMock,
  ScenarioError,
  scenarioState,
  startMockServer,
} from '../../src/mock/index.js';
import { ContractValidator } from '../../src/validation/index.js';
import { CLI_PATH, runCli } from '../helpers/cli.js';
import { form, state, TOKEN_PATH } from './helpers.js';

const START = Date.parse('2025-06-01T00:00:00Z');
let validator: ContractValidator;
let dir: string;

beforeAll(async () => {
  validator = ContractValidator.for(await loadContractCached());
  dir = await mkdtemp(join(tmpdir(), 'scenarios-'));
});

/** Each bundled scenario's state, built once for the tests that read it. */
const built = new Map<string, ReturnType<typeof scenarioState>>();
const stateOf = (name: string) => {
  if (!built.has(name)) built.set(name, scenarioState(name, { startMs: START }));
  return built.get(name)!;
};

async function scenarioFile(name: string, scenario: unknown): Promise<string> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, typeof scenario === 'string' ? scenario : JSON.stringify(scenario));
  return file;
}

describe('bundled scenarios', () => {
  it('are the six the issue names, and every document they produce passes the contract and the invariants', async () => {
    expect(bundledScenarios()).toEqual([
      'default',
      'empty',
      'expiring-token',
      'failed-backup',
      'large-site',
      'paused-maintenance',
    ]);
    const task = validator.forComponent('Task');
    const run = validator.forComponent('Run');
    for (const name of bundledScenarios()) {
      const { tasks, runs } = await stateOf(name);
      // every document of the small ones; every 25th task of large-site and its runs (the property test covers the rest)
      for (const t of tasks.filter((_, i) => name !== 'large-site' || i % 25 === 0)) {
        expect(task.validate(t).violations).toEqual([]);
        expect(checkTaskInvariants(t)).toEqual([]);
        for (const r of runs[t.taskId] ?? []) {
          expect(run.validate(r).violations).toEqual([]);
          expect(checkRunInvariants(r, t)).toEqual([]);
        }
      }
    }
  });

  it('large-site is 500 tasks with a week of runs, generated and advanced, not a committed file', async () => {
    const text = await readFile(join(packageRoot(), 'mocks', 'scenarios', 'large-site.json'), 'utf8');
    expect(text.length).toBeLessThan(1000);
    const { tasks, runs, clockMs } = await stateOf('large-site');
    expect(tasks).toHaveLength(500);
    expect(clockMs).toBe(START + 7 * 86_400_000);
    const hourly = tasks.find((t) => t.cronExpression === '0 0 * * * ?' && t.taskState === 'active')!;
    const created = runs[hourly.taskId]!.map((r) => toEpochMillis(r.created)).filter((t) => t > START);
    expect(created).toHaveLength(7 * 24);
    expect(Object.values(runs).every((list) => list.length <= MAX_RUNS_PER_TASK)).toBe(true);
  });

  it('failed-backup: last night the nightly backup failed, and the clock stands the next morning', async () => {
    const { tasks, runs, clockMs } = await stateOf('failed-backup');
    expect(new Date(clockMs!).toISOString()).toBe('2025-06-01T08:00:00.000Z');
    const nightly = tasks.find((t) => t.taskTitle === 'nightly backup')!;
    expect(nightly.lastStart).toBe(Date.parse('2025-06-01T02:00:00Z'));
    expect(runs[nightly.taskId]!.at(-1)).toMatchObject({
      status: 'failed',
      result: 'Failed to create backup: not enough space in the backup store.',
    });
    expect(runs[nightly.taskId]!.at(-2)!.status).toBe('succeeded');
  });

  it('paused-maintenance pauses every task; empty has none', async () => {
    const paused = await stateOf('paused-maintenance');
    expect(paused.tasks.length).toBeGreaterThan(0);
    expect(paused.tasks.every((t) => t.taskState === 'paused' && t.active === false)).toBe(true);
    expect((await stateOf('empty')).tasks).toEqual([]);
  });
});

describe('loading scenarios into a running mock', () => {
  let running: RunningMock;
  let server: Server;
  beforeAll(async () => {
    running = await startMockServer({ port: 0, clock: START, scenario: 'expiring-token' });
    server = running.server;
  });
  afterAll(() => running.close());

  it('expiring-token: tokens last 60 s of mock time, whatever a client asks for', async () => {
    const login = await request(server)
      .post(TOKEN_PATH)
      .type('form')
      .send({ username: 'admin', password: 'admin', f: 'json', expiration: '600' });
    expect(login.body.expires).toBe(START + 60_000);
    const read = () => request(server).get(`/arcgis/admin/system/tasks?f=json&token=${login.body.token}`);
    expect(Array.isArray((await read()).body.result)).toBe(true);
    running.clock.advance('PT1M');
    expect((await read()).body.error.code).toBe(498);
  });

  it('POST /__mock/scenario loads a bundled one by name; reset goes back to its start, clock included', async () => {
    const res = await request(server)
      .post('/__mock/scenario')
      .type('form')
      .send(form({ name: 'failed-backup' }));
    expect(res.body).toMatchObject({
      status: 'success',
      scenario: 'failed-backup',
      clock: { now: '2025-06-01T08:00:00.000Z' },
    });
    const start = await state(server);
    running.clock.advance('P2D');
    expect(await state(server)).not.toEqual(start);
    await request(server).post('/__mock/reset');
    expect(await state(server)).toEqual(start);
    expect(running.clock.read().now).toBe('2025-06-01T08:00:00.000Z');
    expect(running.outcomes.list()).toEqual([]); // the scenario's one failure was used up while it was built
  });

  it('POST /__mock/scenario takes a scenario as JSON, and in code from a file', async () => {
    const scenario = { base: 'empty', clock: '2030-01-01T00:00:00Z' };
    const res = await request(server)
      .post('/__mock/scenario')
      .type('form')
      .send(form({ scenario: JSON.stringify(scenario) }));
    expect(res.body).toMatchObject({ status: 'success', tasks: 0 });
    expect((await state(server)).tasks).toEqual([]);
    // a scenario without a clock starts from the mock's, and its advance moves the mock's clock
    const before = running.clock.now();
    await running.loadScenario({ json: JSON.stringify({ base: 'default', advance: 'PT5H' }) });
    expect(running.clock.now()).toBe(before + 5 * 3_600_000);
    const hourly = running.state().tasks.find((t) => t.cronExpression === '0 0 * * * ?')!;
    expect(hourly.lastStart).toBe(Math.floor((before + 5 * 3_600_000) / 3_600_000) * 3_600_000);
    await request(server).post('/__mock/reset');
    expect(running.clock.now()).toBe(before + 5 * 3_600_000);
    await running.loadScenario(await scenarioFile('mine', { base: 'default', pause: ['CreateBackup'] }));
    const tasks = (await state(server)).tasks;
    expect(tasks.filter((t) => t.taskType === 'CreateBackup').every((t) => t.taskState === 'paused')).toBe(true);
    expect(tasks.filter((t) => t.taskType === 'CleanGPJobs').every((t) => t.taskState === 'active')).toBe(true);
  });

  const task = (overrides: Record<string, unknown>) => ({
    ...JSON.parse(JSON.stringify(running.state().tasks[0])),
    ...overrides,
  });

  it.each([
    ['not JSON', () => '{"base": ', /^bad\.json: \/: not JSON/],
    [
      'an unknown key',
      () => ({ base: 'empty', extra: 1 }),
      /^bad\.json: \/extra: is not a property scenario\.schema\.json allows/,
    ],
    ['a bad base', () => ({ base: 'everything' }), /^bad\.json: \/base: /],
    [
      'a bad advance',
      () => ({ advance: '7 days' }),
      /^bad\.json: \/advance: "7 days" is not an ISO-8601 duration such as PT30M/,
    ],
    [
      'a bad clock',
      () => ({ clock: '2025-06-01' }),
      /^bad\.json: \/clock: "2025-06-01" is not an ISO-8601 instant with a UTC offset/,
    ],
    [
      'a task the contract rejects',
      () => ({ tasks: [task({ taskState: 'sleeping' })] }),
      /^bad\.json: \/tasks\/0\/taskState: the contract's Task/,
    ],
    [
      'a task that breaks an invariant',
      () => ({ tasks: [task({ active: false })] }),
      /^bad\.json: \/tasks\/0\/active: active-matches-task-state/,
    ],
    [
      'runs of a missing task',
      () => ({ runs: { ['a'.repeat(32)]: [] } }),
      /^bad\.json: \/runs\/a{32}: runs of a task that is not in \/tasks/,
    ],
    [
      'an outcome for a missing task',
      () => ({ outcomes: [{ taskId: 'b'.repeat(32), outcome: 'failed' }] }),
      /^bad\.json: \/outcomes\/0\/taskId: no task has the id/,
    ],
    [
      'a pause of nothing',
      () => ({ base: 'default', pause: ['Nope'] }),
      /^bad\.json: \/pause\/0: no task has the id or the type "Nope"/,
    ],
  ])(
    'refuses %s in one line naming the file, the pointer and the rule, and keeps its state',
    async (_, scenario, message) => {
      const before = await state(server);
      const file = await scenarioFile('bad', scenario());
      const error = await running.loadScenario(file).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ScenarioError);
      const text = (error as Error).message.replace(file, 'bad.json');
      expect(text).toMatch(message);
      expect(text).not.toContain('\n');
      expect(await state(server)).toEqual(before);
      const viaHttp = await request(server)
        .post('/__mock/scenario')
        .type('form')
        .send(form({ scenario: typeof scenario() === 'string' ? (scenario() as string) : JSON.stringify(scenario()) }));
      expect(viaHttp.body.error).toMatchObject({ code: 400, message: 'Unable to load the scenario.' });
      expect(await state(server)).toEqual(before);
    },
  );

  it.each([
    [{ name: 'no-such-scenario' }, /no such scenario: use one of default, empty/],
    [{ name: '../../etc/passwd' }, /not the name of a bundled scenario/],
    [{}, /Send name=<a bundled scenario> or scenario=<the scenario as JSON>/],
  ])('POST /__mock/scenario refuses %j and keeps its state', async (fields, detail) => {
    const before = await state(server);
    const res = await request(server).post('/__mock/scenario').type('form').send(form(fields));
    expect(res.body.error.code).toBe(400);
    expect(res.body.error.details.join(' ')).toMatch(detail);
    expect(await state(server)).toEqual(before);
  });
});

describe('tasks-contract mock --scenario and --clock', () => {
  it('exits 2 with one line for a bad scenario file or clock', async () => {
    const file = await scenarioFile('cli-bad', { base: 'default', advance: 'soon' });
    const bad = await runCli(['mock', '--port', '0', '--scenario', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(`--scenario ${file}: /advance: `);
    const clock = await runCli(['mock', '--port', '0', '--clock', 'yesterday']);
    expect(clock.code).toBe(2);
    expect(clock.stderr.trim()).toMatch(/--clock must be real or an ISO-8601 instant with a UTC offset/);
    expect(CLI_PATH).toContain('dist');
  });
});
