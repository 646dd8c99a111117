import { parseJsonBody } from '../../http/transport.js';
import { detectErrorEnvelope } from '../../validation/envelope.js';
import type { FindingDraft } from '../finding.js';
import type { ErrorProbe, ExchangeCheck } from './types.js';

/** What each probe asked for, as a finding says it. */
const ASKED: Record<ErrorProbe, string> = {
  'unknown-task-id': 'an unknown task id',
  'unknown-run-id': 'an unknown run id',
  'malformed-id': 'a malformed id',
  'unknown-format': 'an unknown f',
};

/** Stack traces of the usual server runtimes (Java, .NET, Python, Node). */
const STACK_TRACE = [
  /\bat [\w$.<>]+\([\w$]+\.java:\d+\)/,
  /\b(?:java|javax|jakarta|org\.springframework|org\.apache|com\.esri)\.[\w.$]*(?:Exception|Error)\b/,
  /Traceback \(most recent call last\)/,
  /\bat [\w.`<>]+\(.*\) in .+:line \d+/,
  /\bSystem\.[\w.]*Exception\b/,
  /\n\s+at .+ \(.+:\d+:\d+\)/,
];

function stackTraceLine(text: string): string | undefined {
  for (const pattern of STACK_TRACE) {
    const found = pattern.exec(text);
    if (found) return found[0].trim().slice(0, 120);
  }
  return undefined;
}

/**
 * Error paths, read-only: an unknown task or run id, a malformed id and an unknown `f` answer an
 * ArcGIS error envelope (any status) or a documented 4xx status. A stack trace, an HTML 500 or a
 * document where an error was due is an error; a 5xx envelope, and an unknown `f` answered in the
 * default format (the server ignored it), are warnings.
 */
export const errorPathsCheck: ExchangeCheck = {
  name: 'error-paths',
  description: 'unknown or malformed ids and an unknown f get an ArcGIS error, never an HTML 500 or a stack trace',
  scope: 'exchange',
  appliesTo: (context) =>
    context.purpose === 'error-path' && context.exchange.response !== undefined && !context.exchange.fault,
  run({ exchange, operation, validator, probe }) {
    const response = exchange.response!;
    const asked = ASKED[probe ?? 'unknown-task-id'];
    const stack = stackTraceLine(response.text);
    if (stack) {
      return [
        {
          message: `${asked} got an answer with a stack trace (HTTP ${response.status}): the server shows its internals`,
          expected: 'an ArcGIS error envelope',
          actual: stack,
        },
      ];
    }
    const { json, fault } = parseJsonBody(response);
    const status = response.status;
    const documented = validator.responseFor(operation, status) !== undefined;
    if (!fault) {
      const envelope = detectErrorEnvelope(json);
      if (envelope) {
        const code = envelope.code ?? status;
        if (code < 500 && status < 500) return [];
        return [serverError(asked, code, 'an ArcGIS error envelope')];
      }
      if (status >= 400 && status < 500 && documented) return [];
      if (status >= 500) return [serverError(asked, status, 'JSON', 'error')];
      return [
        probe === 'unknown-format'
          ? ignoredFormat(status, 'a JSON document')
          : {
              message: `${asked} got a document (HTTP ${status}) instead of an error`,
              expected: 'an ArcGIS error envelope (code 400 or 404)',
              actual: `HTTP ${status}, a document that is not an error envelope`,
            },
      ];
    }
    if (status >= 500) return [serverError(asked, status, response.contentType || 'a body that is not JSON', 'error')];
    if (status >= 400 && documented) return [];
    if (probe === 'unknown-format' && status < 300)
      return [ignoredFormat(status, response.contentType || 'no content type')];
    return [
      {
        message: `${asked} got ${response.contentType || 'a body that is not JSON'} (HTTP ${status}) instead of an ArcGIS error`,
        expected: 'an ArcGIS error envelope, or a documented 4xx status',
        actual: `HTTP ${status}, ${response.contentType || 'no content type'}`,
      },
    ];
  },
};

function serverError(
  asked: string,
  code: number,
  what: string,
  severity: 'warning' | 'error' = 'warning',
): FindingDraft {
  return {
    severity,
    message: `${asked} got a server error (code ${code}, ${what}); a bad request deserves 400 or 404`,
    expected: 'code 400 or 404',
    actual: code,
  };
}

function ignoredFormat(status: number, what: string): FindingDraft {
  return {
    severity: 'warning',
    message: `an unknown f got ${what} (HTTP ${status}): the server ignored f instead of refusing it`,
    expected: 'an ArcGIS error envelope (code 400)',
    actual: `HTTP ${status}, ${what}`,
  };
}
