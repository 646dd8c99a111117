import { essence } from '../../validation/media-type.js';
import type { FindingDraft } from '../finding.js';
import type { ExchangeCheck } from './types.js';

const HTML_DOCUMENT = /<(?:!doctype\s+html|html)[\s>]/i;

/** `f=html` answers the admin directory page: HTTP 200, text/html, an HTML document. */
export const htmlIsHtmlCheck: ExchangeCheck = {
  name: 'html-is-html',
  description: 'f=html answers text/html with an HTML document',
  scope: 'exchange',
  appliesTo: (context) =>
    context.purpose === 'html' && context.exchange.response !== undefined && context.exchange.fault === undefined,
  run({ exchange }) {
    const { contentType, text } = exchange.response!;
    const drafts: FindingDraft[] = [];
    if (essence(contentType) !== 'text/html') {
      drafts.push({
        message: `f=html answered ${contentType || 'no content type'}`,
        expected: 'text/html',
        actual: contentType || null,
      });
    }
    if (!HTML_DOCUMENT.test(text.slice(0, 4096))) {
      drafts.push({
        message: 'f=html answered a body that is not an HTML document',
        expected: '<html> or <!DOCTYPE html>',
        actual: text.slice(0, 80),
      });
    }
    return drafts;
  },
};
