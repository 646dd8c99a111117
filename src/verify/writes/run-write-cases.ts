import { detectErrorEnvelope } from '../../validation/envelope.js';
import type { ExchangeContext } from '../checks/types.js';
import { runChain } from './chain.js';
import { OPTIONAL_CREATE_FIELDS, OPTIONAL_PARAMETERS, PROBE_PREFIX } from './forms.js';
import { negativeCreateCases, negativeRunCases, negativeUpdateCases } from './negative-cases.js';
import { positiveCreateCases } from './positive-cases.js';
import {
  record,
  refused,
  type WriteCaseDriver,
  type WriteCaseOptions,
  type WriteCaseSummary,
  WriteSession,
} from './session.js';
import type { WriteCase } from './write-case.js';

export type { WriteCaseDriver, WriteCaseOptions, WriteCaseSummary } from './session.js';

/** Drops optional fields one by one while the server still accepts the broken form. */
async function shrink(
  session: WriteSession,
  testCase: WriteCase,
  accepted: ExchangeContext,
): Promise<{ context: ExchangeContext; dropped: string[] }> {
  const keep = new Set(testCase.keep ?? []);
  const candidates = [
    ...OPTIONAL_CREATE_FIELDS.filter((name) => name !== 'title' && !keep.has(name)),
    ...OPTIONAL_PARAMETERS.filter((name) => !keep.has(`parameters.${name}`)).map((name) => `parameters.${name}`),
  ];
  let form = { ...testCase.form };
  let last = accepted;
  const dropped: string[] = [];
  for (const candidate of candidates) {
    const smaller = without(form, candidate);
    if (!smaller) continue;
    const { context, taskId } = await session.create(smaller, testCase.passcode, 'refuse', {
      judge: false,
      writeCase: session.note(testCase),
    });
    if (taskId) await session.delete(taskId, smaller['title']);
    if (!refused(context)) {
      form = smaller;
      last = context;
      dropped.push(candidate);
    }
  }
  return { context: last, dropped };
}

function without(form: Record<string, string>, field: string): Record<string, string> | undefined {
  if (!field.startsWith('parameters.')) {
    if (form[field] === undefined) return undefined;
    const { [field]: _gone, ...rest } = form;
    return rest;
  }
  let parameters: unknown;
  try {
    parameters = JSON.parse(form['parameters'] ?? '');
  } catch {
    return undefined;
  }
  const name = field.slice('parameters.'.length);
  const fields = record(parameters);
  if (!fields || !(name in fields)) return undefined;
  const { [name]: _gone, ...rest } = fields;
  return { ...form, parameters: JSON.stringify(rest) };
}

/** A negative create: refused, or a finding shown with its smallest form. */
async function runNegativeCreate(session: WriteSession, testCase: WriteCase): Promise<void> {
  const { context, taskId } = await session.create(testCase.form, testCase.passcode, 'refuse', {
    judge: false,
    writeCase: session.note(testCase),
  });
  if (!taskId) {
    session.run.judgeLater(context);
    return;
  }
  await session.delete(taskId, testCase.form['title']);
  const { context: smallest, dropped } = await shrink(session, testCase, context);
  session.run.judgeLater({ ...smallest, writeCase: session.note(testCase, { shrunk: dropped }) });
}

/** A positive create: accepted, read back as sent, deleted. */
async function runPositiveCreate(session: WriteSession, testCase: WriteCase): Promise<void> {
  const note = session.note(testCase);
  const { taskId } = await session.create(testCase.form, testCase.passcode, 'accept', { writeCase: note });
  if (!taskId) return;
  try {
    await session.run.send('task', session.run.api.read('task', 'get'), { taskId }, 'accept-read', 'json', {
      writeCase: note,
    });
  } finally {
    await session.delete(taskId, testCase.form['title'], true);
  }
}

/** Edit Run with a bad form on an existing run: refused, and put back if the server took it. */
async function runNegativeRunCases(session: WriteSession, cases: WriteCase[], taskIds: string[]): Promise<void> {
  const { run } = session;
  for (const taskId of taskIds.slice(0, 5)) {
    const runs = await run.send('runs', run.api.read('runs', 'get'), { taskId }, 'read-back', 'json', {
      judge: false,
    });
    const first = record((record(runs.exchange.json)?.['result'] as unknown[] | undefined)?.[0]);
    const runId = first?.['runId'];
    if (typeof runId !== 'string') continue;
    const restore = { taskId, runId, status: String(first?.['status']), result: String(first?.['result'] ?? '') };
    const update = run.api.operation('updateRun');
    for (const testCase of cases) {
      if (session.interrupted) return;
      session.ledger.willChangeRun(restore);
      const context = await run.send('write', update, { taskId, runId }, 'refuse', 'json', {
        form: testCase.form,
        writeCase: session.note(testCase),
      });
      if (!refused(context))
        await run.send('write', update, { taskId, runId }, 'write', 'json', {
          form: { status: restore.status, result: restore.result },
          judge: false,
        });
      session.ledger.runRestored(taskId, runId);
    }
    return;
  }
}

/** Deletes what the ledger holds and puts back the runs it changed. */
export async function cleanUp(session: Pick<WriteSession, 'run' | 'ledger'>): Promise<void> {
  const { run, ledger } = session;
  const update = run.api.contract.operationsById.get('updateRun');
  for (const restore of [...ledger.restores]) {
    if (update)
      await run.send('write', update, { taskId: restore.taskId, runId: restore.runId }, 'write', 'json', {
        form: { status: restore.status, result: restore.result },
        judge: false,
      });
    ledger.runRestored(restore.taskId, restore.runId);
  }
  for (const taskId of [...ledger.taskIds]) {
    const context = await run.send('write', run.api.write('delete'), { taskId }, 'write', 'json', { judge: false });
    if (!refused(context) || detectErrorEnvelope(context.exchange.json)?.code === 404) ledger.deleted(taskId);
  }
  if (ledger.titles.length === 0) return;
  // creates whose answer never came: find them by title
  const list = await run.send('list', run.api.read('list', 'get'), {}, 'read-back', 'json', { judge: false });
  const items = (record(list.exchange.json)?.['result'] as unknown[] | undefined) ?? [];
  const titles = new Set(ledger.titles);
  for (const item of items) {
    const task = record(item);
    const title = String(task?.['taskTitle'] ?? '');
    const taskId = task?.['taskId'];
    if (typeof taskId === 'string' && titles.has(title) && title.startsWith(PROBE_PREFIX)) {
      const context = await run.send('write', run.api.write('delete'), { taskId }, 'write', 'json', { judge: false });
      if (!refused(context)) ledger.deleted(taskId, title);
    }
  }
  // a title that names no task on the list was never created
  if (Array.isArray(record(list.exchange.json)?.['result'])) for (const title of titles) ledger.refused(title);
}

/**
 * `--allow-writes` cases: negative creates, edits and run edits the server must refuse (each
 * shrunk when it does not), positive creates it must accept and read back as sent, and one
 * stateful chain. Everything created is deleted in the end, even when a check fails, on Ctrl+C
 * or on a crash of this code; the ledger file lets `verify --cleanup` finish after a hard crash.
 */
export async function runWriteCases(run: WriteCaseDriver, options: WriteCaseOptions): Promise<WriteCaseSummary> {
  const session = new WriteSession(run, options);
  const onSigint = () => {
    session.interrupted = true;
  };
  process.once('SIGINT', onSigint);
  const now = options.now ?? Date.now();
  const { profile } = options;
  const negatives = negativeCreateCases(run.api.write('create'), profile, session.nextTitle, session.draw, now);
  const updates = profile.createTask ? negativeUpdateCases(session.draw) : [];
  const runCases = negativeRunCases();
  const positives = positiveCreateCases(profile, session.nextTitle, session.draw, now);
  let budget = options.budget;
  const take = <T>(items: T[]): T[] => {
    const taken = items.slice(0, Math.max(0, budget));
    budget -= taken.length;
    return taken;
  };
  // the four first (a passcode of 7, no hour, endDate < startDate, an unknown run status)
  const firstNegatives = take(negatives.slice(0, 3));
  const chosenRun = take(runCases);
  const chosenUpdates = take(updates);
  const chosenNegatives = [...firstNegatives, ...take(negatives.slice(3))];
  const chosenPositives = take(positives);
  let chain = false;
  const baseline = await session.listIds();
  try {
    for (const testCase of chosenNegatives) {
      if (session.interrupted) break;
      await runNegativeCreate(session, testCase);
    }
    if (baseline && chosenNegatives.length > 0 && !session.interrupted)
      await session.listIds('unchanged', {
        writeCase: {
          id: 'createTask refusals',
          rule: 'the task list stays unchanged',
          expect: 'refuse',
          seed: options.seed,
          baseline,
        },
      });
    for (const testCase of chosenPositives) {
      if (session.interrupted) break;
      await runPositiveCreate(session, testCase);
    }
    if (!session.interrupted && profile.createTask) chain = await runChain(session, chosenUpdates);
    if (!session.interrupted && baseline) await runNegativeRunCases(session, chosenRun, baseline);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await cleanUp(session);
  }
  if (baseline)
    await session.listIds('unchanged', {
      writeCase: {
        id: 'cleanup',
        rule: 'the task list ends as it began',
        expect: 'refuse',
        seed: options.seed,
        baseline,
      },
    });
  return {
    seed: options.seed,
    negative: chosenNegatives.length + chosenUpdates.length + chosenRun.length,
    positive: chosenPositives.length,
    chain,
    ledger: session.ledger.path,
    ledgerRemoved: session.ledger.discardIfEmpty(),
    interrupted: session.interrupted,
  };
}
