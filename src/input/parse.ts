import { jsonTextDepth, mayNestDeeperThan, valueDepth } from './depth.js';
import { InputError } from './input-error.js';
import { INPUT_LIMITS } from './limits.js';

/** How a parsed input is named in messages (a file, `the answer of GET ...`) and how deep it may nest. */
export interface ParseLimit {
  readonly label: string;
  /** Default: `INPUT_LIMITS.depth`. */
  readonly maxDepth?: number;
}

const BOM = '\ufeff';

function tooDeep(label: string, maxDepth: number): InputError {
  const reason = `it nests deeper than ${maxDepth} levels`;
  return new InputError(
    `${label} nests deeper than ${maxDepth} levels (the limit for any document)`,
    'too-deep',
    reason,
  );
}

/**
 * JSON text parsed, its depth checked first (one pass over the text, no recursion; skipped for a text
 * with too few brackets to nest too deep), a UTF-8 byte order mark ignored. Refusals are one-line `InputError`s: `too-deep` or `syntax`.
 *
 * @example const pact = parseJsonText(text, { label: 'pact pacts/a.json' });
 */
export function parseJsonText(text: string, limit: ParseLimit): unknown {
  const maxDepth = limit.maxDepth ?? INPUT_LIMITS.depth.value;
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (mayNestDeeperThan(body, maxDepth) && jsonTextDepth(body, maxDepth) > maxDepth)
    throw tooDeep(limit.label, maxDepth);
  try {
    return JSON.parse(body);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? 'not JSON';
    throw new InputError(`${limit.label} is not JSON: ${reason}`, 'syntax', reason);
  }
}

/** Throws a `too-deep` InputError when an already parsed value nests deeper than the limit (iteratively). */
export function assertDepth(value: unknown, limit: ParseLimit): void {
  const maxDepth = limit.maxDepth ?? INPUT_LIMITS.depth.value;
  if (valueDepth(value, maxDepth) > maxDepth) throw tooDeep(limit.label, maxDepth);
}

/**
 * YAML (or JSON) text parsed with unique keys; aliases stay shared objects (never expanded, so an
 * alias bomb costs nothing), then the depth is checked on the value. A parser that runs out of stack
 * on a deep document is a `too-deep` refusal too. Errors name the line and column.
 *
 * @example const spec = await parseYamlText(text, { label: 'spec spec/openapi.yaml' });
 */
export async function parseYamlText(text: string, limit: ParseLimit): Promise<unknown> {
  const maxDepth = limit.maxDepth ?? INPUT_LIMITS.depth.value;
  // the YAML parser is loaded only when YAML is parsed
  const { parseDocument } = await import('yaml');
  let value: unknown;
  try {
    const doc = parseDocument(text.startsWith(BOM) ? text.slice(1) : text, { prettyErrors: true, uniqueKeys: true });
    const first = doc.errors[0];
    // the parser catches its own stack overflow on deep nesting and reports it as an error of the document
    if (first && /Maximum call stack/i.test(first.message)) throw tooDeep(limit.label, maxDepth);
    if (first) {
      // with prettyErrors the first line ends "at line L, column C:" before a code frame
      const reason = (first.message.split('\n')[0] ?? '').replace(/:$/, '');
      throw new InputError(`cannot parse ${limit.label}: ${reason}`, 'syntax', reason);
    }
    value = doc.toJS({ maxAliasCount: -1 });
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep(limit.label, maxDepth);
    throw error;
  }
  assertDepth(value, { label: limit.label, maxDepth });
  return value;
}
