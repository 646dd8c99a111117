import { isVolatile, jsonDifferences } from '../json-diff.js';
import type { PairCheck } from './types.js';
import { hasJson } from './types.js';

/** A resource read with a form POST (as ArcGIS REST JS does) answers what GET answers. */
export const getEqualsPostCheck: PairCheck = {
  name: 'get-equals-post',
  description: 'POST (form body, token in it) answers the same as GET',
  scope: 'pair',
  pairs: 'get-post',
  run(get, post) {
    if (!hasJson(get) || !hasJson(post)) return [];
    return jsonDifferences(get.exchange.json, post.exchange.json).map((difference) => ({
      severity: isVolatile(difference) ? 'warning' : 'error',
      pointer: difference.pointer,
      message: `POST answers differently from GET at ${difference.pointer || 'the root'}${isVolatile(difference) ? ' (a field that changes on its own)' : ''}`,
      expected: difference.expected,
      actual: difference.actual,
    }));
  },
};
