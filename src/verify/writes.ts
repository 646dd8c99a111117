import { randomBytes } from 'node:crypto';
import { detectErrorEnvelope } from '../validation/envelope.js';
import type { ExchangeContext } from './checks/types.js';
import { inShard } from './shard.js';
import type { ProbeDriver } from './writes/driver.js';
import { PROBE_PREFIX } from './writes/forms.js';

export type { ProbeDriver, SendExtras } from './writes/driver.js';
export { PROBE_PREFIX } from './writes/forms.js';

function bodyOf(context: ExchangeContext): Record<string, unknown> | undefined {
  const body = context.exchange.json;
  return body !== null && typeof body === 'object' && !Array.isArray(body) && !detectErrorEnvelope(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

/**
 * `--allow-writes`: a disable/enable round trip on one task of each task type (always put back
 * as it was, even when a check fails on the way), then create, edit and delete one throw-away
 * task named `tasks-contract-probe-<random>`.
 */
export async function runWriteProbes(run: ProbeDriver, lifecycle = true): Promise<void> {
  await toggleRoundTrips(run);
  // one throw-away task per run, not per shard; the write cases' chain does it when they run
  if (run.shard.index === 1 && lifecycle) await probeTaskLifecycle(run);
}

async function toggleRoundTrips(run: ProbeDriver): Promise<void> {
  const list = await run.send('list', run.api.read('list', 'get'), {}, 'read', 'json', { judge: false });
  const items = ((bodyOf(list)?.['result'] as unknown[] | undefined) ?? []) as Record<string, unknown>[];
  const byType = new Map<string, Record<string, unknown>>();
  for (const task of items) {
    const type = String(task['taskType']);
    const title = String(task['taskTitle'] ?? '');
    const taskId = task['taskId'];
    // each shard toggles only its own tasks, so parallel shards never fight over one
    if (
      !byType.has(type) &&
      typeof taskId === 'string' &&
      inShard(taskId, run.shard) &&
      !title.startsWith(PROBE_PREFIX)
    )
      byType.set(type, task);
  }
  for (const task of byType.values()) {
    const taskId = task['taskId'] as string;
    const wasActive = task['taskState'] === 'active';
    const [away, back] = wasActive ? (['disable', 'enable'] as const) : (['enable', 'disable'] as const);
    const stateAfter = (active: boolean) => ({ '/taskState': active ? 'active' : 'paused', '/active': active });
    try {
      await run.send('write', run.api.write(away), { taskId }, 'write', 'json');
      await run.send('task', run.api.read('task', 'get'), { taskId }, 'read-back', 'json', {
        expect: stateAfter(!wasActive),
      });
    } finally {
      // put the task back whatever happened above: this is the only change verify makes to a task it did not create
      await run.send('write', run.api.write(back), { taskId }, 'write', 'json');
      await run.send('task', run.api.read('task', 'get'), { taskId }, 'read-back', 'json', {
        expect: stateAfter(wasActive),
      });
    }
  }
}

async function probeTaskLifecycle(run: ProbeDriver): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const title = `${PROBE_PREFIX}${suffix}`;
  const passcode = `probe-${randomBytes(12).toString('base64url')}`;
  run.sentSecrets.push(passcode);
  run.addSecret(passcode);
  const parameters = JSON.stringify({
    name: title,
    passcode,
    storeName: 'default',
    metaData: { recurring: true, startTime: '04:00', retention: { type: 'day', value: 1 } },
    retentionOffset: 86_400_000,
  });
  const schedule = { minute: '0', hour: '4', dayOfMonth: '?', month: '*', dayOfWeek: '7' };
  const created = await run.send('write', run.api.write('create'), {}, 'write', 'json', {
    form: { title, type: 'CreateBackup', parameters, ...schedule },
    secretFields: ['parameters'],
  });
  const answer = bodyOf(created);
  const taskId = typeof answer?.['taskId'] === 'string' ? answer['taskId'] : undefined;
  if (!taskId) return; // the create's own checks say what went wrong
  try {
    await run.send('task', run.api.read('task', 'get'), { taskId }, 'read-back', 'json', {
      expect: { '/taskTitle': title, '/taskType': 'CreateBackup' },
    });
    const edited = `${title}-edited`;
    await run.send('write', run.api.write('update'), { taskId }, 'write', 'json', { form: { title: edited } });
    await run.send('task', run.api.read('task', 'get'), { taskId }, 'read-back', 'json', {
      expect: { '/taskTitle': edited },
    });
  } finally {
    await run.send('write', run.api.write('delete'), { taskId }, 'write', 'json');
    await run.send('task', run.api.read('task', 'get'), { taskId }, 'gone', 'json');
  }
}
