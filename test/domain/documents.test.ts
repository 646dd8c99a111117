import { describe, expect, it } from '@jest/globals';
import { backupParameters } from '../../src/domain/backup-parameters.js';
import { toEpochMillis } from '../../src/domain/dates.js';
import { encryptPasscode } from '../../src/domain/passcode.js';
import { runDocument } from '../../src/domain/run-document.js';
import { reviseTask, type TaskParts, taskDocument } from '../../src/domain/task-document.js';
import type { CronSchedule, Task, TaskType } from '../../src/shapes/contract-types.js';
import { loadSamples, SEED_SAMPLES } from './samples.js';

// The one builder of task and run documents, against the seed's samples (the ground truth): built
// from their parts they come out as Esri printed them, field for field and in the same order.

const { tasks, run } = await loadSamples();

/** The parts of a sample, read back from it: what a generator or the mock's createTask has in hand. */
function partsOf(sample: Record<string, unknown>): TaskParts {
  const optional = ['lastStart', 'startDate', 'endDate', 'itemId', 'parameters'] as const;
  const parts: Record<string, unknown> = {
    id: sample['id'],
    ownerId: sample['ownerId'],
    orgId: sample['orgId'],
    taskType: sample['taskType'] as TaskType,
    taskTitle: sample['taskTitle'],
    schedule: sample['cronSchedule'] as CronSchedule,
    state: sample['taskState'],
    generation: sample['generation'],
    maxOccurrences: sample['maxOccurrences'],
    created: sample['created'],
    updated: sample['updated'],
  };
  for (const key of optional) if (sample[key] !== undefined) parts[key] = sample[key];
  return parts as unknown as TaskParts;
}

describe('taskDocument', () => {
  it.each(SEED_SAMPLES)('builds the seed sample of %s from its parts, byte for byte', (name) => {
    const sample = tasks.get(name)!;
    expect(JSON.stringify(taskDocument(partsOf(sample)))).toBe(JSON.stringify(sample));
  });

  it('derives what a server derives: type, active, the expression, the period and taskId', () => {
    const weekly = partsOf(tasks.get('CreateBackup')!);
    const task = taskDocument({
      ...weekly,
      state: 'active',
      schedule: { ...weekly.schedule, hour: '*/6', dayOfWeek: '?', dayOfMonth: '*' },
    });
    expect(task).toMatchObject({
      type: 'CREATE_BACKUP_TASK_TYPE',
      active: true,
      taskState: 'active',
      cronExpression: '0 0 */6 * * ?',
      runIntervalSeconds: 21_600,
      taskId: weekly.id,
    });
  });
});

describe('reviseTask', () => {
  const sample = tasks.get('CleanGPJobs')! as Task;

  it('re-derives what a change decides and keeps every other field, unknown ones included', () => {
    const recorded = { ...sample, futureField: { kept: true } } as unknown as Task;
    const paused = reviseTask(recorded, { state: 'paused', generation: 5 });
    expect(paused).toMatchObject({ active: false, taskState: 'paused', generation: 5, futureField: { kept: true } });
    expect(paused.cronExpression).toBe(sample.cronExpression);

    const daily = reviseTask(recorded, { schedule: { ...sample.cronSchedule, hour: '3' } });
    expect(daily).toMatchObject({ cronExpression: '0 0 3 * * ?', runIntervalSeconds: 86_400, active: true });
  });

  it("writes a field the task lacked where the server's order puts it", () => {
    const { itemId, ...withoutItem } = sample as Task & { itemId: string };
    const keys = Object.keys(reviseTask(withoutItem as Task, { itemId, endDate: 1_700_000_000_000 }));
    expect(keys.slice(keys.indexOf('cronExpression'), keys.indexOf('cronExpression') + 3)).toEqual([
      'cronExpression',
      'itemId',
      'runIntervalSeconds',
    ]);
    expect(keys.at(-1)).toBe('endDate');
  });

  it('revises a revision as it revises the same document read afresh (a recorded order is put right first)', () => {
    const { itemId, ...withoutItem } = sample as Task & { itemId: string };
    const shuffled = Object.fromEntries(Object.entries(withoutItem).reverse()) as unknown as Task;
    const changes: Parameters<typeof reviseTask>[1][] = [
      { generation: 7, taskTitle: 'renamed' },
      { itemId, schedule: { ...sample.cronSchedule, hour: '3' } },
      { state: 'paused', updated: 1_700_000_000_000 },
      { itemId: undefined, endDate: 1_800_000_000_000 },
      { maxOccurrences: 3 },
    ];
    let task = reviseTask(shuffled, {});
    for (const change of changes) {
      const afresh = reviseTask({ ...task }, change);
      task = reviseTask(task, change);
      expect(JSON.stringify(task)).toBe(JSON.stringify(afresh));
    }
    expect(Object.keys(task).slice(0, 3)).toEqual(['generation', 'created', 'active']);
    expect(task).not.toHaveProperty('itemId');
  });
});

describe('backupParameters', () => {
  const stored = (tasks.get('CreateBackup')!['parameters'] as Record<string, unknown>)!;

  it("stores a client's fields in the server's order, the offset derived and the passcode encrypted", () => {
    const sent = {
      passcode: 'not-stored-in-clear',
      name: 'schedule2',
      storeName: 'default',
      metaData: stored['metaData'] as { retention: { type: 'day'; value: number } },
      description: 'kept after the known fields',
    };
    const parameters = backupParameters(sent);
    expect(Object.keys(parameters)).toEqual([
      'itemId',
      'metaData',
      'retentionOffset',
      'name',
      'storeName',
      'passcode',
      'description',
    ]);
    expect(parameters).toMatchObject({ itemId: '', retentionOffset: 1_209_600_000 });
    expect(parameters.passcode).toBe(encryptPasscode('not-stored-in-clear'));
  });

  it('keeps the seed sample as it is (its passcode is already stored)', () => {
    const parameters = backupParameters(stored as Parameters<typeof backupParameters>[0]);
    expect(JSON.stringify(parameters)).toBe(JSON.stringify(stored));
  });
});

describe('runDocument', () => {
  it("builds the spec's run example from its parts, in its order", () => {
    const created = run['created'];
    const style = typeof created === 'number' ? 'epoch' : 'formatted';
    const built = runDocument({
      runId: run['runId'] as string,
      status: run['status'] as 'succeeded',
      result: run['result'] as string,
      createdMs: toEpochMillis(created),
      modifiedMs: toEpochMillis(run['modified']),
      style,
      task: run['task'] as Task,
    });
    expect(JSON.stringify(built)).toBe(JSON.stringify(run));
  });
});
