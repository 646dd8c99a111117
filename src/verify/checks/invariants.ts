import type { EmbeddedTaskMemo, InvariantViolation } from '../../domain/index.js';
import { checkRunInvariants, checkTaskInvariants } from '../../domain/index.js';
import { detectErrorEnvelope } from '../../validation/envelope.js';
import type { FindingDraft } from '../finding.js';
import type { ExchangeCheck } from './types.js';
import { hasJson } from './types.js';

const JUDGED = new Set(['read', 'read-back']);

/** Verify's documents are parsed answers, never changed: a task's runs share the judgement of its embedded copy. */
const embeddedTasks: EmbeddedTaskMemo = new WeakMap();

function drafts(violations: readonly InvariantViolation[], prefix = ''): FindingDraft[] {
  return violations.map((violation) => ({
    pointer: `${prefix}${violation.pointer}`,
    message: `invariant ${violation.invariant}: ${violation.message}`,
    expected: violation.expected,
    actual: violation.actual,
  }));
}

function items(body: unknown): unknown[] {
  const result = (body as { result?: unknown } | null)?.result;
  return Array.isArray(result) ? result : [];
}

/**
 * The fixture invariants beyond the schema (id equals taskId, type matches taskType, cron vs
 * schedule vs interval, date order, retention), on every task and run a read returns; each
 * violation is a finding that names its invariant.
 */
export const invariantsCheck: ExchangeCheck = {
  name: 'invariants',
  description: 'tasks and runs satisfy the invariants of src/fixtures',
  scope: 'exchange',
  appliesTo: (context) =>
    JUDGED.has(context.purpose) &&
    context.kind !== 'write' &&
    context.format === 'json' &&
    hasJson(context) &&
    !detectErrorEnvelope(context.exchange.json),
  run({ exchange, kind, expectedTask }) {
    const body = exchange.json;
    switch (kind) {
      case 'task':
        return drafts(checkTaskInvariants(body));
      case 'list':
        return items(body).flatMap((task, index) => drafts(checkTaskInvariants(task), `/result/${index}`));
      case 'run':
        return drafts(checkRunInvariants(body, expectedTask, embeddedTasks));
      case 'runs':
        return items(body).flatMap((run, index) =>
          drafts(checkRunInvariants(run, expectedTask, embeddedTasks), `/result/${index}`),
        );
      default:
        return [];
    }
  },
};
