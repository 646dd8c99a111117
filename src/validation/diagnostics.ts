import type { ErrorObject } from 'ajv';
import type { JsonSchema } from '../contract/model.js';
import { previewJson } from '../input/preview.js';
import { escapePointerToken, valueAtPointer } from './json-pointer.js';
import type { Violation } from './violation.js';

type SchemaObject = { [keyword: string]: unknown };

function describe(value: unknown): string {
  // bounded: a value nested thousands deep must not overflow the stack (JSON.stringify would)
  return value === undefined ? 'nothing' : previewJson(value, 60);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Titles of the union variants the schema path goes through (outermost first). */
function variantTitles(schema: JsonSchema, schemaPath: string): string[] {
  const titles: string[] = [];
  let node: unknown = schema;
  let previous = '';
  for (const token of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') break;
    node = (node as SchemaObject)[token];
    const entered = token === 'then' || (/^\d+$/.test(token) && (previous === 'oneOf' || previous === 'anyOf'));
    const title = node && typeof node === 'object' ? (node as SchemaObject)['title'] : undefined;
    if (entered && typeof title === 'string' && titles.at(-1) !== title) titles.push(title);
    previous = token;
  }
  return titles;
}

function expectation(error: ErrorObject): { pointer: string; expected: unknown; text: string } {
  const p = error.params as Record<string, unknown>;
  const here = error.instancePath;
  const title = (error.parentSchema as SchemaObject | undefined)?.['title'];
  switch (error.keyword) {
    case 'required':
      return {
        pointer: `${here}/${escapePointerToken(String(p['missingProperty']))}`,
        expected: 'present',
        text: 'is required',
      };
    case 'additionalProperties':
      return {
        pointer: `${here}/${escapePointerToken(String(p['additionalProperty']))}`,
        expected: 'absent',
        text: 'is not a property the contract allows',
      };
    case 'unevaluatedProperties':
      return {
        pointer: `${here}/${escapePointerToken(String(p['unevaluatedProperty']))}`,
        expected: 'absent',
        text: 'is not a property the contract allows',
      };
    case 'type':
      return { pointer: here, expected: p['type'], text: `must be ${String(p['type'])}` };
    case 'enum':
      return {
        pointer: here,
        expected: p['allowedValues'],
        text: `must be one of ${(p['allowedValues'] as unknown[]).map(describe).join(', ')}`,
      };
    case 'const':
      return { pointer: here, expected: p['allowedValue'], text: `must be ${describe(p['allowedValue'])}` };
    case 'pattern':
      return {
        pointer: here,
        expected: p['pattern'],
        text: `must match ${typeof title === 'string' ? `${title} ` : ''}/${String(p['pattern'])}/`,
      };
    case 'format':
      return { pointer: here, expected: p['format'], text: `must be a ${String(p['format'])}` };
    case 'oneOf':
      return p['passingSchemas']
        ? {
            pointer: here,
            expected: 'exactly one variant',
            text: `matches more than one variant (${String(p['passingSchemas'])})`,
          }
        : { pointer: here, expected: 'one variant', text: 'matches no variant' };
    default:
      return { pointer: here, expected: p['limit'] ?? p, text: error.message ?? `fails ${error.keyword}` };
  }
}

/** Branch index of `error` under the union at `unionPath`, or undefined when it is not under it. */
function branchOf(error: ErrorObject, unionPath: string): string | undefined {
  const prefix = `${unionPath}/`;
  if (!error.schemaPath.startsWith(prefix)) return undefined;
  return error.schemaPath.slice(prefix.length).split('/')[0];
}

/**
 * For each failed `oneOf`/`anyOf`, keeps only the errors of the branch that came closest:
 * the one whose type matched, then whose errors go deepest, then with the fewest errors.
 */
function keepClosestBranches(errors: ErrorObject[]): ErrorObject[] {
  let remaining = errors;
  const unions = errors
    .filter((e) => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && !(e.params as SchemaObject)['passingSchemas'])
    // innermost first, so an outer union is judged on branches already pruned
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const union of unions) {
    const branches = new Map<string, ErrorObject[]>();
    for (const error of remaining) {
      if (!error.instancePath.startsWith(union.instancePath)) continue;
      const branch = branchOf(error, union.schemaPath);
      if (branch !== undefined) branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    if (branches.size === 0) continue;
    // closest: the type matched, then the branch knows most of the value's own fields, then its errors
    // go deepest, then it has the fewest errors
    const score = (list: ErrorObject[]): number[] => [
      list.some((e) => e.keyword === 'type' && e.instancePath === union.instancePath) ? 0 : 1,
      // fields of the value itself the branch does not know (deeper ones say nothing of the branch: a list
      // whose items carry unknown fields is still a list, not an error envelope)
      -list.filter(
        (e) =>
          (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') &&
          e.instancePath === union.instancePath,
      ).length,
      Math.max(...list.map((e) => e.instancePath.split('/').length)),
      -list.length,
    ];
    const [best] = [...branches.entries()].sort(([, a], [, b]) => {
      const [sa, sb] = [score(a), score(b)];
      return sb.reduce((order, value, i) => order || value - sa[i]!, 0);
    })[0]!;
    remaining = remaining.filter((error) => {
      if (error === union) return false;
      const branch = branchOf(error, union.schemaPath);
      return branch === undefined || branch === best || !error.instancePath.startsWith(union.instancePath);
    });
  }
  return remaining;
}

/** Turns Ajv's errors (from a verbose, all-errors validator) into violations a person can act on. */
export function toViolations(errors: readonly ErrorObject[], schema: JsonSchema, data: unknown): Violation[] {
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const error of keepClosestBranches([...errors])) {
    // `if` only says that its `then` failed; the `then` errors say what. Unions that survive
    // keepClosestBranches had no branch errors to show, so they are reported themselves.
    if (error.keyword === 'if') continue;
    const { pointer, expected, text } = expectation(error);
    const key = `${pointer}|${error.keyword}|${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const actual = valueAtPointer(data, pointer);
    const variant = variantTitles(schema, error.schemaPath).at(-1);
    const got =
      error.keyword === 'required'
        ? 'it is missing'
        : `got ${describe(actual)}${error.keyword === 'type' ? ` (${typeOf(actual)})` : ''}`;
    violations.push({
      pointer,
      keyword: error.keyword,
      message: `${pointer || '(root)'} ${text}; ${got}${variant ? ` [variant ${variant}]` : ''}`,
      expected,
      actual,
      ...(variant ? { variant } : {}),
      schemaPath: error.schemaPath,
    });
  }
  return violations;
}
