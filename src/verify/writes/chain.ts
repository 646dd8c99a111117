import { cronExpressionFor, runIntervalSecondsFor } from '../../domain/cron.js';
import type { ExchangeContext } from '../checks/types.js';
import { drawPasscode, flatten, validCreateForm } from './forms.js';
import { record, refused, type WriteSession } from './session.js';
import type { ReadBackExpectation, WriteCase } from './write-case.js';

/** What a task read shows that no refused write may change (`lastStart` moves when it runs). */
function comparable(context: ExchangeContext): unknown {
  const task = record(context.exchange.json);
  if (!task) return undefined;
  const { lastStart: _moves, ...rest } = task;
  return rest;
}

/**
 * The stateful chain on one task verify creates: create -> (the Edit Task forms it must refuse,
 * and the task unchanged after them) -> update -> disable -> enable -> runs -> run update -> run
 * delete -> delete, each effect read back, `generation` growing with each write.
 */
export async function runChain(session: WriteSession, refusals: readonly WriteCase[]): Promise<boolean> {
  const { run, draw } = session;
  const title = session.nextTitle();
  const parts = validCreateForm('CreateBackup', title, draw, Date.now());
  const step = (name: string, readBack: Record<string, ReadBackExpectation> = {}): WriteCase => ({
    id: `chain ${name}`,
    operation: 'updateTask',
    expect: 'accept',
    rule: name,
    form: {},
    readBack,
  });
  const created = step('create', {
    '/taskTitle': { equals: title },
    '/taskType': { equals: 'CreateBackup' },
    '/parameters/passcode': { storedPasscode: true },
  });
  const { taskId } = await session.create(flatten(parts), parts.parameters['passcode'] as string, 'accept', {
    writeCase: session.note(created),
  });
  if (!taskId) return false;
  const readTask = (testCase: WriteCase) =>
    run.send('task', run.api.read('task', 'get'), { taskId }, 'accept-read', 'json', {
      writeCase: session.note(testCase),
    });
  const generationOf = (context: ExchangeContext) =>
    Number(record(context.exchange.json)?.['generation'] ?? Number.NaN);
  try {
    let read = await readTask(created);
    let before = comparable(read);
    for (const testCase of refusals) {
      if (session.interrupted) return false;
      const answer = await run.send('write', run.api.write('update'), { taskId }, 'refuse', 'json', {
        form: testCase.form,
        ...(testCase.form['parameters'] ? { secretFields: ['parameters'] } : {}),
        writeCase: session.note(testCase),
      });
      // a taken edit is its own finding; the unchanged check is about refused ones
      if (!refused(answer))
        before = comparable(
          await run.send('task', run.api.read('task', 'get'), { taskId }, 'read-back', 'json', { judge: false }),
        );
    }
    if (refusals.length > 0) {
      read = await run.send('task', run.api.read('task', 'get'), { taskId }, 'unchanged', 'json', {
        writeCase: {
          id: 'updateTask refusals',
          rule: 'a refused edit leaves the task as it was',
          expect: 'refuse',
          seed: session.options.seed,
          before,
        },
      });
    }
    let generation = generationOf(read);
    const schedule = { minute: '30', hour: '5', dayOfMonth: '?', month: '*', dayOfWeek: '2' };
    const passcode = drawPasscode(draw);
    run.sentSecrets.push(passcode);
    run.addSecret(passcode);
    const edited = `${title}-edited`;
    await run.send('write', run.api.write('update'), { taskId }, 'write', 'json', {
      form: { title: edited, ...schedule, parameters: JSON.stringify({ passcode }) },
      secretFields: ['parameters'],
    });
    read = await readTask(
      step('update', {
        '/taskTitle': { equals: edited },
        '/cronExpression': { equals: cronExpressionFor(schedule) },
        '/runIntervalSeconds': { equals: runIntervalSecondsFor(schedule) },
        '/parameters/passcode': { storedPasscode: true },
        '/generation': { above: generation },
      }),
    );
    generation = generationOf(read);
    for (const [operation, state] of [
      ['disable', 'paused'],
      ['enable', 'active'],
    ] as const) {
      await run.send('write', run.api.write(operation), { taskId }, 'write', 'json');
      read = await readTask(
        step(operation, {
          '/taskState': { equals: state },
          '/active': { equals: state === 'active' },
          '/generation': { above: generation },
        }),
      );
      generation = generationOf(read);
    }
    await runSteps(session, taskId);
    return true;
  } finally {
    await session.delete(taskId, title, true);
    await run.send('task', run.api.read('task', 'get'), { taskId }, 'gone', 'json');
  }
}

/** runs -> run update -> run delete, when the task has a run (a new task on a real site has none yet). */
async function runSteps(session: WriteSession, taskId: string): Promise<void> {
  const { run } = session;
  const runs = await run.send('runs', run.api.read('runs', 'get'), { taskId }, 'read-back', 'json');
  const first = record((record(runs.exchange.json)?.['result'] as unknown[] | undefined)?.[0]);
  const runId = first?.['runId'];
  if (typeof runId !== 'string') return;
  const readRun = (purpose: 'read-back' | 'gone', expect?: Record<string, unknown>) =>
    run.send('run', run.api.read('run', 'get'), { taskId, runId }, purpose, 'json', expect ? { expect } : {});
  await run.send('write', run.api.operation('updateRun'), { taskId, runId }, 'write', 'json', {
    form: { status: 'failed', result: 'tasks-contract chain' },
  });
  await readRun('read-back', { '/status': 'failed', '/result': 'tasks-contract chain' });
  await run.send('write', run.api.operation('deleteRun'), { taskId, runId }, 'write', 'json');
  await readRun('gone');
}
