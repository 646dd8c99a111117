import { essence } from '../../validation/media-type.js';
import type { ExchangeCheck } from './types.js';
import { hasJson } from './types.js';

const JUDGED = new Set(['read', 'write', 'read-back', 'gone']);

/**
 * JSON answers (f=json, f=pjson) say `application/json`. Some ArcGIS servers send f=pjson as
 * `text/plain`: that is a warning, not an error, because the body is the same JSON.
 */
export const contentTypeCheck: ExchangeCheck = {
  name: 'content-type',
  description: 'f=json and f=pjson answer application/json',
  scope: 'exchange',
  appliesTo: (context) => JUDGED.has(context.purpose) && context.format !== 'html' && hasJson(context),
  run({ exchange, format }) {
    const actual = exchange.response!.contentType;
    const media = essence(actual);
    if (media === 'application/json') return [];
    if (format === 'pjson' && media === 'text/plain') {
      return [
        {
          severity: 'warning',
          message: `f=pjson answered ${actual}; the contract documents application/json`,
          expected: 'application/json',
          actual,
        },
      ];
    }
    return [
      {
        message: `f=${format} answered ${actual || 'no content type'}`,
        expected: 'application/json',
        actual: actual || null,
      },
    ];
  },
};
