import type { Server } from 'node:http';
import request from 'supertest';
import { createMockServer, type MockOptions } from '../../src/mock/index.js';
import type { Run, Task } from '../../src/shapes/contract-types.js';

export const ADMIN = '/arcgis/admin';
export const TOKEN_PATH = '/arcgis/sharing/rest/generateToken';

/**
 * A fresh in-process mock (supertest listens on port 0 for each request), on a clock frozen at the
 * machine's time unless the test brings its own: no schedule fires in the middle of a test.
 */
export function mock(options: MockOptions = {}): Server {
  const frozen = options.clock === undefined && options.now === undefined ? { clock: Date.now() } : {};
  return createMockServer({ ...frozen, ...options });
}

export async function tokenFor(
  server: Server,
  username = 'admin',
  password = 'admin',
  extra: Record<string, string> = {},
): Promise<string> {
  const res = await request(server)
    .post(TOKEN_PATH)
    .type('form')
    .send({ username, password, f: 'json', ...extra });
  if (typeof res.body?.token !== 'string') throw new Error(`no token for ${username}: ${res.text}`);
  return res.body.token as string;
}

export interface MockState {
  tasks: Task[];
  runs: Record<string, Omit<Run, 'task'>[]>;
  meta: Record<string, unknown>;
}

export async function state(server: Server): Promise<MockState> {
  return (await request(server).get('/__mock/state')).body as MockState;
}

/** A task id of that type, and one of its runs when it has some. */
export async function taskOfType(server: Server, taskType: string): Promise<Task> {
  const found = (await state(server)).tasks.find((t) => t.taskType === taskType);
  if (!found) throw new Error(`the mock has no ${taskType} task`);
  return found;
}

export async function taskWithRuns(server: Server): Promise<{ task: Task; runIds: string[] }> {
  const s = await state(server);
  const task = s.tasks.find((t) => (s.runs[t.taskId] ?? []).length > 0);
  if (!task) throw new Error('the mock has no task with runs');
  return { task, runIds: s.runs[task.taskId]!.map((r) => r.runId) };
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/**
 * Resolves once an in-process mock has compiled its form validators (it does so lazily, after its
 * first answer): call it before a test file ends, so the lazy import does not outlive jest's environment.
 */
export async function settled(server: Server): Promise<void> {
  await request(server).post('/__mock/tasks').type('form').send('');
}

/** A createTask form that any mock accepts: a daily CreateHealthCheckReports task. */
export const HEALTH_CHECK_FORM: Readonly<Record<string, string>> = {
  type: 'CreateHealthCheckReports',
  parameters: '{"suiteIds":"a,b"}',
  minute: '0',
  hour: '1',
  dayOfMonth: '*',
  month: '*',
  dayOfWeek: '?',
};
