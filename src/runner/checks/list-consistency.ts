import { detectErrorEnvelope } from '../../validation/envelope.js';
import { isVolatile, jsonDifferences } from '../json-diff.js';
import type { CollectionCheck, PlacedDraft } from './types.js';
import { hasJson } from './types.js';

function itemsOf(body: unknown): unknown[] | undefined {
  const result = (body as { result?: unknown } | null)?.result;
  return Array.isArray(result) ? result : undefined;
}

/** A list holds each id once, and each item equals the item read on its own (tasks; runs of a task). */
export const listConsistencyCheck: CollectionCheck = {
  name: 'list-consistency',
  description: 'the list holds each id once, and equals the individual reads',
  scope: 'collection',
  run({ list, idField, reads }) {
    if (!hasJson(list)) return [];
    const items = itemsOf(list.exchange.json);
    if (!items) return [];
    const drafts: PlacedDraft[] = [];
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const id = (item as Record<string, unknown> | null)?.[idField];
      if (typeof id !== 'string') return;
      const first = seen.get(id);
      if (first !== undefined) {
        drafts.push({
          at: list,
          pointer: `/result/${index}/${idField}`,
          message: `${idField} ${id} is listed twice (also at /result/${first})`,
          expected: 'each id once',
          actual: id,
        });
        return;
      }
      seen.set(id, index);
      const read = reads.get(id);
      if (!read || !hasJson(read) || detectErrorEnvelope(read.exchange.json)) return; // not read here, or its own checks report it
      for (const difference of jsonDifferences(item, read.exchange.json)) {
        const volatile = isVolatile(difference);
        drafts.push({
          at: read,
          severity: volatile ? 'warning' : 'error',
          pointer: difference.pointer,
          message: `the read differs from the list's item /result/${index} at ${difference.pointer || 'the root'}${volatile ? ' (a field that changes on its own)' : ''}`,
          expected: difference.expected,
          actual: difference.actual,
        });
      }
    });
    return drafts;
  },
};
