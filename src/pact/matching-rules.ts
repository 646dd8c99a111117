import type { Matcher, MatchingRule, RuleSet } from './model.js';

type Json = Record<string, unknown>;

const EMPTY: RuleSet = { body: [], header: [], query: [], path: [], status: [] };

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A v2 matcher object (`{"min": 1}`, `{"regex": "..."}`) with its implicit `match` made explicit. */
function explicitMatcher(raw: Json): Matcher {
  if (typeof raw['match'] === 'string') return raw as Matcher;
  if (typeof raw['regex'] === 'string') return { ...raw, match: 'regex' };
  return { ...raw, match: 'type' };
}

function ruleFrom(path: string, raw: unknown): MatchingRule | undefined {
  if (!isRecord(raw)) return undefined;
  if (Array.isArray(raw['matchers'])) {
    const matchers = raw['matchers'].filter(isRecord).map(explicitMatcher);
    return { path, matchers, combine: raw['combine'] === 'OR' ? 'OR' : 'AND' };
  }
  return { path, matchers: [explicitMatcher(raw)], combine: 'AND' };
}

/** v2 flat rules: `$.body.x`, `$.headers.Name`, `$.query.name`, `$.path`. */
function fromV2(raw: Json): RuleSet {
  const set = {
    body: [] as MatchingRule[],
    header: [] as MatchingRule[],
    query: [] as MatchingRule[],
    path: [] as MatchingRule[],
    status: [] as MatchingRule[],
  };
  for (const [key, value] of Object.entries(raw)) {
    const found = /^\$\.(body|headers|header|query|path|status)(.*)$/.exec(key);
    if (!found) continue;
    const [, category, rest = ''] = found;
    if (category === 'body') {
      const rule = ruleFrom(`$${rest}`, value);
      if (rule) set.body.push(rule);
    } else if (category === 'headers' || category === 'header' || category === 'query') {
      const name = rest.replace(/^\./, '').replace(/^\['(.*)'\]$/, '$1');
      const rule = ruleFrom(category === 'query' ? name : name.toLowerCase(), value);
      if (rule) (category === 'query' ? set.query : set.header).push(rule);
    } else {
      const rule = ruleFrom('$', value);
      if (rule) set[category as 'path' | 'status'].push(rule);
    }
  }
  return set;
}

function keyed(raw: unknown, lowerCase: boolean): MatchingRule[] {
  if (!isRecord(raw)) return [];
  // v3/v4 `path` and `status` are one rule, not a map of rules
  if (Array.isArray(raw['matchers'])) return [ruleFrom('$', raw)].filter((r): r is MatchingRule => r !== undefined);
  return Object.entries(raw)
    .map(([path, value]) => ruleFrom(lowerCase ? path.toLowerCase() : path, value))
    .filter((r): r is MatchingRule => r !== undefined);
}

/** Normalizes the matching rules of a request or response, v2 (flat) or v3/v4 (by category). */
export function normalizeRules(raw: unknown): RuleSet {
  if (!isRecord(raw)) return EMPTY;
  const isV2 = Object.keys(raw).some((key) => key.startsWith('$.'));
  if (isV2) return fromV2(raw);
  return {
    body: keyed(raw['body'], false),
    header: keyed(raw['header'] ?? raw['headers'], true),
    query: keyed(raw['query'], false),
    path: keyed(raw['path'], false),
    status: keyed(raw['status'], false),
  };
}
