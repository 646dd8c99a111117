import type { FindingDraft } from '../finding.js';
import { jsonDifferences } from '../json-diff.js';
import type { PairCheck } from './types.js';
import { hasJson } from './types.js';

/** `f=pjson` is the same JSON as `f=json`, pretty-printed (a warning when it is not pretty). */
export const pjsonEqualsJsonCheck: PairCheck = {
  name: 'pjson-equals-json',
  description: 'f=pjson parses to the same value as f=json',
  scope: 'pair',
  pairs: 'json-pjson',
  run(json, pjson) {
    if (!hasJson(json) || !hasJson(pjson)) return [];
    const drafts: FindingDraft[] = jsonDifferences(json.exchange.json, pjson.exchange.json).map((difference) => ({
      pointer: difference.pointer,
      message: `f=pjson differs from f=json at ${difference.pointer || 'the root'}`,
      expected: difference.expected,
      actual: difference.actual,
    }));
    const text = pjson.exchange.response!.text.trim();
    if (drafts.length === 0 && text.length > 2 && !text.includes('\n')) {
      drafts.push({
        severity: 'warning',
        message: 'f=pjson is not pretty-printed (one line)',
        expected: 'indented JSON',
        actual: `${text.length} characters on one line`,
      });
    }
    return drafts;
  },
};
