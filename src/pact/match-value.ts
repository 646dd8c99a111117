import { MAX_WALK_DEPTH, previewJson } from '../input/index.js';
import type { Matcher, MatchingRule } from './model.js';
import { matchWeight, parsePathExpression, toPointer } from './path-expression.js';

/** Where an actual value differs from what the pact expects under its matching rules. */
export interface Mismatch {
  readonly pointer: string;
  readonly message: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

type Path = readonly (string | number)[];

const TYPE_LIKE = new Set(['type', 'min', 'max', 'minType', 'maxType', 'values', 'eachValue', 'notEmpty']);

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function describe(value: unknown): string {
  return value === undefined ? 'undefined' : previewJson(value, 60);
}

/** Equality of two JSON values, walked with a stack of pairs (no recursion: any depth). */
function deepEqual(left: unknown, right: unknown): boolean {
  const pairs: [unknown, unknown][] = [[left, right]];
  for (let pair = pairs.pop(); pair !== undefined; pair = pairs.pop()) {
    const [a, b] = pair;
    if (a === b) continue;
    if (jsonType(a) !== jsonType(b) || typeof a !== 'object' || a === null) return false;
    if (Array.isArray(a)) {
      const list = b as unknown[];
      if (a.length !== list.length) return false;
      for (let i = 0; i < a.length; i++) pairs.push([a[i], list[i]]);
      continue;
    }
    const ak = Object.keys(a as object);
    if (ak.length !== Object.keys(b as object).length) return false;
    for (const k of ak) {
      pairs.push([(a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]]);
    }
  }
  return true;
}

/** Applies pact matching rules (body category) to compare an actual value with the pact's expected one. */
export class ValueMatcher {
  private readonly rules: { tokens: NonNullable<ReturnType<typeof parsePathExpression>>; rule: MatchingRule }[];

  constructor(rules: readonly MatchingRule[]) {
    this.rules = rules.flatMap((rule) => {
      const tokens = parsePathExpression(rule.path);
      return tokens ? [{ tokens, rule }] : [];
    });
  }

  /**
   * Mismatches of `actual` against `expected`; extra object keys in `actual` are allowed, as in Pact.
   * Values nested deeper than MAX_WALK_DEPTH are not compared: that place is a mismatch of its own.
   */
  compare(expected: unknown, actual: unknown, path: Path = []): Mismatch[] {
    if (path.length >= MAX_WALK_DEPTH)
      return this.mismatch(
        path,
        `is nested deeper than ${MAX_WALK_DEPTH} levels: not compared`,
        describe(expected),
        describe(actual),
      );
    const rule = this.ruleAt(path);
    if (rule) return this.applyRule(rule, expected, actual, path);
    if (this.cascadesType(path)) return this.matchType(expected, actual, path, undefined);
    return this.matchStructure(expected, actual, path);
  }

  /**
   * The matchers that govern a value: its own rule, or a type rule cascading from an ancestor
   * (`cascaded: true`); undefined when the value must equal the expected one.
   */
  governing(path: Path): { matchers: readonly Matcher[]; cascaded: boolean } | undefined {
    const own = this.ruleAt(path);
    if (own) return { matchers: own.matchers, cascaded: false };
    return this.cascadesType(path) ? { matchers: [{ match: 'type' }], cascaded: true } : undefined;
  }

  private ruleAt(path: Path): MatchingRule | undefined {
    let best: MatchingRule | undefined;
    let bestWeight = 0;
    for (const { tokens, rule } of this.rules) {
      const weight = matchWeight(tokens, path);
      if (weight > bestWeight) [best, bestWeight] = [rule, weight];
    }
    return best;
  }

  /** A type matcher on an ancestor applies to its descendants (`like({...})`), unless a rule of their own says otherwise. */
  private cascadesType(path: Path): boolean {
    for (let length = path.length - 1; length >= 0; length--) {
      const rule = this.ruleAt(path.slice(0, length));
      if (rule) return rule.matchers.some((m) => TYPE_LIKE.has(m.match));
    }
    return false;
  }

  private applyRule(rule: MatchingRule, expected: unknown, actual: unknown, path: Path): Mismatch[] {
    const results = rule.matchers.map((matcher) => this.applyMatcher(matcher, expected, actual, path));
    if (rule.combine === 'OR') return results.some((r) => r.length === 0) ? [] : (results[0] ?? []);
    return results.flat();
  }

  private mismatch(path: Path, message: string, expected: unknown, actual: unknown): Mismatch[] {
    return [{ pointer: toPointer(path), message: `${toPointer(path) || '(root)'} ${message}`, expected, actual }];
  }

  private applyMatcher(matcher: Matcher, expected: unknown, actual: unknown, path: Path): Mismatch[] {
    switch (matcher.match) {
      case 'type':
      case 'min':
      case 'max':
      case 'minType':
      case 'maxType':
        return this.matchType(expected, actual, path, matcher);
      case 'notEmpty':
        if (
          actual === '' ||
          actual === null ||
          (Array.isArray(actual) && actual.length === 0) ||
          (typeof actual === 'object' && actual !== null && Object.keys(actual).length === 0)
        ) {
          return this.mismatch(path, 'must not be empty', 'not empty', actual);
        }
        return this.matchType(expected, actual, path, undefined);
      case 'equality':
        return deepEqual(expected, actual)
          ? []
          : this.mismatch(path, `must equal ${describe(expected)}; got ${describe(actual)}`, expected, actual);
      case 'regex': {
        const pattern = String(matcher['regex'] ?? '');
        const ok =
          (typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'boolean') &&
          new RegExp(pattern).test(String(actual));
        return ok ? [] : this.mismatch(path, `must match /${pattern}/; got ${describe(actual)}`, pattern, actual);
      }
      case 'include': {
        const part = String(matcher['value'] ?? '');
        return typeof actual === 'string' && actual.includes(part)
          ? []
          : this.mismatch(path, `must include ${describe(part)}; got ${describe(actual)}`, part, actual);
      }
      case 'integer':
        return Number.isInteger(actual)
          ? []
          : this.mismatch(path, `must be an integer; got ${describe(actual)}`, 'integer', actual);
      case 'decimal':
      case 'number':
        return typeof actual === 'number'
          ? []
          : this.mismatch(path, `must be a number; got ${describe(actual)}`, 'number', actual);
      case 'boolean':
        return typeof actual === 'boolean'
          ? []
          : this.mismatch(path, `must be a boolean; got ${describe(actual)}`, 'boolean', actual);
      case 'null':
        return actual === null ? [] : this.mismatch(path, `must be null; got ${describe(actual)}`, null, actual);
      case 'date':
      case 'time':
      case 'timestamp':
      case 'datetime':
        // Java date patterns are not checked; the value must at least be text
        return typeof actual === 'string'
          ? []
          : this.mismatch(
              path,
              `must be a ${matcher.match} string; got ${describe(actual)}`,
              matcher['format'] ?? matcher.match,
              actual,
            );
      case 'values':
      case 'eachValue':
        return this.matchValues(expected, actual, path);
      case 'eachKey': {
        if (typeof actual !== 'object' || actual === null)
          return this.mismatch(path, `must be an object; got ${describe(actual)}`, 'object', actual);
        const keyRules = (Array.isArray(matcher['rules']) ? matcher['rules'] : []) as Matcher[];
        return Object.keys(actual).flatMap((key) =>
          keyRules.flatMap((m) => this.applyMatcher(m, key, key, [...path, key])),
        );
      }
      default:
        return this.mismatch(
          path,
          `uses matcher "${matcher.match}", which tasks-contract does not support`,
          matcher.match,
          actual,
        );
    }
  }

  private matchValues(expected: unknown, actual: unknown, path: Path): Mismatch[] {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
      return this.mismatch(path, `must be an object; got ${describe(actual)}`, 'object', actual);
    }
    const template = typeof expected === 'object' && expected !== null ? Object.values(expected)[0] : undefined;
    if (template === undefined) return [];
    return Object.entries(actual).flatMap(([key, value]) => this.matchType(template, value, [...path, key], undefined));
  }

  private matchType(expected: unknown, actual: unknown, path: Path, matcher: Matcher | undefined): Mismatch[] {
    const [e, a] = [jsonType(expected), jsonType(actual)];
    if (e !== a) return this.mismatch(path, `must be of type ${e}; got ${a} ${describe(actual)}`, e, actual);
    if (Array.isArray(expected) && Array.isArray(actual)) {
      const min = Number(matcher?.['min'] ?? 0);
      const max = matcher?.['max'] === undefined ? Infinity : Number(matcher['max']);
      const bounds: Mismatch[] = [];
      if (actual.length < min)
        bounds.push(
          ...this.mismatch(path, `must have at least ${min} items; got ${actual.length}`, min, actual.length),
        );
      if (actual.length > max)
        bounds.push(...this.mismatch(path, `must have at most ${max} items; got ${actual.length}`, max, actual.length));
      if (expected.length === 0) return bounds;
      return [...bounds, ...actual.flatMap((item, i) => this.compare(expected[i] ?? expected[0], item, [...path, i]))];
    }
    if (e === 'object')
      return this.matchKeys(expected as Record<string, unknown>, actual as Record<string, unknown>, path);
    return [];
  }

  private matchKeys(expected: Record<string, unknown>, actual: Record<string, unknown>, path: Path): Mismatch[] {
    return Object.entries(expected).flatMap(([key, value]) =>
      key in actual
        ? this.compare(value, actual[key], [...path, key])
        : this.mismatch([...path, key], 'is missing', value, undefined),
    );
  }

  private matchStructure(expected: unknown, actual: unknown, path: Path): Mismatch[] {
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual))
        return this.mismatch(path, `must be an array; got ${describe(actual)}`, 'array', actual);
      if (actual.length !== expected.length) {
        return this.mismatch(
          path,
          `must have ${expected.length} items (no matcher allows more or fewer); got ${actual.length}`,
          expected.length,
          actual.length,
        );
      }
      return expected.flatMap((item, i) => this.compare(item, actual[i], [...path, i]));
    }
    if (typeof expected === 'object' && expected !== null) {
      if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
        return this.mismatch(path, `must be an object; got ${describe(actual)}`, 'object', actual);
      }
      return this.matchKeys(expected as Record<string, unknown>, actual as Record<string, unknown>, path);
    }
    return deepEqual(expected, actual)
      ? []
      : this.mismatch(path, `must equal ${describe(expected)}; got ${describe(actual)}`, expected, actual);
  }
}
