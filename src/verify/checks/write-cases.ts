import { toEpochMillis } from '../../domain/dates.js';
import { isStoredPasscode } from '../../domain/passcode.js';
import { detectErrorEnvelope } from '../../validation/envelope.js';
import { valueAtPointer } from '../../validation/json-pointer.js';
import type { FindingDraft } from '../finding.js';
import { jsonDifferences } from '../json-diff.js';
import type { ReadBackExpectation, WriteCaseNote } from '../writes/write-case.js';
import type { ExchangeCheck, ExchangeContext } from './types.js';

// The two verdicts of `--allow-writes` cases: a form that breaks a rule is refused with an ArcGIS
// error envelope and changes nothing; a valid form is accepted and reads back as sent.

/** How a finding names its case: enough to run it again. */
function caseLabel(note: WriteCaseNote): string {
  const shrunk = note.shrunk && note.shrunk.length > 0 ? `; shrunk: without ${note.shrunk.join(', ')}` : '';
  return `(case "${note.id}", --seed ${note.seed}${shrunk})`;
}

const answerOf = (context: ExchangeContext) => ({
  status: context.exchange.response?.status ?? null,
  body: context.exchange.json ?? null,
});

const isEnvelope = (context: ExchangeContext) => detectErrorEnvelope(context.exchange.json) !== undefined;

function unchanged(context: ExchangeContext, note: WriteCaseNote): FindingDraft[] {
  const body = context.exchange.json;
  if (note.baseline) {
    const items = (body as { result?: unknown } | undefined)?.result;
    if (!Array.isArray(items)) return [];
    const ids = items.map((item) => String((item as { taskId?: unknown } | null)?.taskId)).sort();
    const added = ids.filter((id) => !note.baseline!.includes(id));
    const removed = note.baseline.filter((id) => !ids.includes(id));
    if (added.length === 0 && removed.length === 0) return [];
    return [
      {
        pointer: '/result',
        message: `${note.rule}: ${added.length} task(s) added, ${removed.length} removed ${caseLabel(note)}`,
        expected: { added: [], removed: [] },
        actual: { added, removed },
      },
    ];
  }
  if (note.before === undefined || body === null || typeof body !== 'object' || isEnvelope(context)) return [];
  const { lastStart: _moves, ...now } = body as Record<string, unknown>;
  return jsonDifferences(note.before, now, 5).map((difference) => ({
    pointer: difference.pointer,
    message: `${note.rule}: ${difference.pointer} changed ${caseLabel(note)}`,
    expected: difference.expected ?? null,
    actual: difference.actual ?? null,
  }));
}

/**
 * A form that breaks one rule is answered with an ArcGIS error envelope, and the task list (or the
 * task) is as it was.
 */
export const writeRefusalCheck: ExchangeCheck = {
  name: 'write-refusal',
  description: 'a write that breaks one rule is refused with an error envelope and changes nothing',
  scope: 'exchange',
  appliesTo: (context) =>
    (context.purpose === 'refuse' || context.purpose === 'unchanged') &&
    context.writeCase !== undefined &&
    context.exchange.response !== undefined,
  run(context) {
    const note = context.writeCase!;
    if (context.purpose === 'unchanged') return unchanged(context, note);
    if (isEnvelope(context)) return [];
    const status = context.exchange.response!.status;
    return [
      {
        message:
          status >= 400
            ? `${note.rule}: refused with HTTP ${status} but no ArcGIS error envelope ${caseLabel(note)}`
            : `${note.rule}: the server accepted it ${caseLabel(note)}`,
        expected: 'an ArcGIS error envelope',
        actual: answerOf(context),
      },
    ];
  },
};

function meets(expectation: ReadBackExpectation, actual: unknown): boolean {
  if ('equals' in expectation) return jsonDifferences(expectation.equals, actual, 1).length === 0;
  if ('storedPasscode' in expectation) return isStoredPasscode(actual);
  if ('epochMs' in expectation) return toEpochMillis(actual) === expectation.epochMs;
  return typeof actual === 'number' && (!Number.isFinite(expectation.above) || actual > expectation.above);
}

function describe(expectation: ReadBackExpectation): unknown {
  if ('equals' in expectation) return expectation.equals;
  if ('storedPasscode' in expectation) return '{crypt}... (stored encrypted)';
  if ('epochMs' in expectation) return `${expectation.epochMs} (epoch ms or the same instant formatted)`;
  return `a number above ${expectation.above}`;
}

/** A valid form is accepted, names its task, and reading the task back shows what was sent. */
export const writeAcceptanceCheck: ExchangeCheck = {
  name: 'write-acceptance',
  description: 'a valid write is accepted and reads back as sent (cron, interval, {crypt} passcode, title)',
  scope: 'exchange',
  appliesTo: (context) =>
    (context.purpose === 'accept' || context.purpose === 'accept-read') &&
    context.writeCase !== undefined &&
    context.exchange.response !== undefined,
  run(context) {
    const note = context.writeCase!;
    const status = context.exchange.response!.status;
    if (isEnvelope(context) || status >= 400)
      return [
        {
          message:
            context.purpose === 'accept'
              ? `${note.rule}: a valid form was refused ${caseLabel(note)}`
              : `${note.rule}: the task just written could not be read back ${caseLabel(note)}`,
          expected: 'success',
          actual: answerOf(context),
        },
      ];
    const body = context.exchange.json;
    if (context.purpose === 'accept') {
      const taskId = (body as { taskId?: unknown } | null | undefined)?.taskId;
      return typeof taskId === 'string' && taskId !== ''
        ? []
        : [
            {
              message: `${note.rule}: accepted without naming the new taskId ${caseLabel(note)}`,
              actual: answerOf(context),
            },
          ];
    }
    const drafts: FindingDraft[] = [];
    for (const [pointer, expectation] of Object.entries(note.readBack ?? {})) {
      const actual = valueAtPointer(body, pointer);
      if (!meets(expectation, actual))
        drafts.push({
          pointer,
          // a plaintext passcode is the secrets check's to show; here only its place is named
          message: `${note.rule}: read back, ${pointer} is not what was sent ${caseLabel(note)}`,
          expected: describe(expectation),
          actual: 'storedPasscode' in expectation ? '(not a {crypt} value)' : (actual ?? null),
        });
    }
    return drafts;
  },
};
