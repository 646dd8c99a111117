import { detectErrorEnvelope } from '../../validation/envelope.js';
import type { FindingDraft } from '../finding.js';
import { isVolatile, jsonDifferences } from '../json-diff.js';
import type { CollectionCheck } from './types.js';
import { hasJson } from './types.js';

/** A list holds each id once, and each item equals the item read on its own (tasks; runs of a task). */
export const listConsistencyCheck: CollectionCheck = {
  name: 'list-consistency',
  description: 'the list holds each id once, and equals the individual reads',
  scope: 'collection',
  runList(list, idField) {
    const result = hasJson(list) ? (list.exchange.json as { result?: unknown } | null)?.result : undefined;
    if (!Array.isArray(result)) return [];
    const drafts: FindingDraft[] = [];
    const seen = new Map<string, number>();
    result.forEach((item: unknown, index) => {
      const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[idField] : undefined;
      if (typeof id !== 'string') return;
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, index);
        return;
      }
      drafts.push({
        pointer: `/result/${index}/${idField}`,
        message: `${idField} ${id} is listed twice (also at /result/${first})`,
        expected: 'each id once',
        actual: id,
      });
    });
    return drafts;
  },
  runItem(listed, read) {
    // a read that failed has its own findings; there is nothing to compare
    if (!hasJson(read) || detectErrorEnvelope(read.exchange.json)) return undefined;
    return jsonDifferences(listed.item, read.exchange.json).map((difference) => {
      const volatile = isVolatile(difference);
      return {
        severity: volatile ? 'warning' : 'error',
        pointer: difference.pointer,
        message: `the read differs from the list's item /result/${listed.index} at ${difference.pointer || 'the root'}${volatile ? ' (a field that changes on its own)' : ''}`,
        expected: difference.expected,
        actual: difference.actual,
      };
    });
  },
};
