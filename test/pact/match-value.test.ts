import { describe, expect, it } from '@jest/globals';
import type { MatchingRule } from '../../src/pact/index.js';
import { ValueMatcher } from '../../src/pact/match-value.js';

const rule = (path: string, ...matchers: { match: string; [k: string]: unknown }[]): MatchingRule => ({
  path,
  matchers,
  combine: 'AND',
});
const pointers = (list: { pointer: string }[]) => list.map((m) => m.pointer);

describe('ValueMatcher (pact matching rules)', () => {
  it('without rules, values must be equal, objects may have extra keys, arrays must have the same length', () => {
    const matcher = new ValueMatcher([]);
    expect(matcher.compare({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2], extra: true })).toEqual([]);
    expect(pointers(matcher.compare({ a: 1, b: [1, 2] }, { a: 2, b: [1] }))).toEqual(['/a', '/b']);
    expect(pointers(matcher.compare({ a: { b: 1 } }, {}))).toEqual(['/a']);
  });

  it('a type rule cascades to descendants (like) and checks types only', () => {
    const matcher = new ValueMatcher([rule('$.task', { match: 'type' })]);
    expect(
      matcher.compare({ task: { generation: 4, title: 'x' } }, { task: { generation: 9, title: 'y', more: 1 } }),
    ).toEqual([]);
    expect(pointers(matcher.compare({ task: { generation: 4 } }, { task: { generation: '4' } }))).toEqual([
      '/task/generation',
    ]);
  });

  it('eachLike: every item is matched against the first expected one, with min and max', () => {
    const matcher = new ValueMatcher([rule('$.result', { match: 'type', min: 1, max: 3 })]);
    expect(matcher.compare({ result: [{ id: 'a' }] }, { result: [{ id: 'b' }, { id: 'c' }] })).toEqual([]);
    expect(pointers(matcher.compare({ result: [{ id: 'a' }] }, { result: [] }))).toEqual(['/result']);
    expect(pointers(matcher.compare({ result: [{ id: 'a' }] }, { result: [{ id: 1 }] }))).toEqual(['/result/0/id']);
    expect(matcher.compare({ result: [{ id: 'a' }] }, { result: [{}, {}, {}, {}] }).map((m) => m.message)[0]).toMatch(
      /at most 3 items/,
    );
  });

  it('the most specific rule wins over a cascading one', () => {
    const matcher = new ValueMatcher([
      rule('$.result', { match: 'type', min: 1 }),
      rule('$.result[*].taskState', { match: 'regex', regex: '^(active|paused)$' }),
    ]);
    expect(matcher.compare({ result: [{ taskState: 'active' }] }, { result: [{ taskState: 'paused' }] })).toEqual([]);
    expect(
      pointers(matcher.compare({ result: [{ taskState: 'active' }] }, { result: [{ taskState: 'stopped' }] })),
    ).toEqual(['/result/0/taskState']);
  });

  it('regex, integer, decimal, boolean, null, include, equality matchers', () => {
    const matcher = new ValueMatcher([
      rule('$.id', { match: 'regex', regex: '^[0-9a-f]{32}$' }),
      rule('$.n', { match: 'integer' }),
      rule('$.d', { match: 'decimal' }),
      rule('$.b', { match: 'boolean' }),
      rule('$.z', { match: 'null' }),
      rule('$.s', { match: 'include', value: 'cleaned' }),
      rule('$.e', { match: 'equality' }),
    ]);
    const expected = {
      id: 'a'.repeat(32),
      n: 1,
      d: 1.5,
      b: true,
      z: null,
      s: 'GP Jobs have been cleaned.',
      e: { x: 1 },
    };
    expect(
      matcher.compare(expected, { ...expected, id: 'b'.repeat(32), n: 7, d: 2.5, b: false, s: 'all cleaned' }),
    ).toEqual([]);
    const bad = { id: 'XYZ', n: 1.5, d: '1', b: 'yes', z: 0, s: 'nothing', e: { x: 2 } };
    expect(pointers(matcher.compare(expected, bad))).toEqual(['/id', '/n', '/d', '/b', '/z', '/s', '/e']);
  });

  it('OR combines alternatives; an unsupported matcher is a mismatch, never a silent pass', () => {
    const either: MatchingRule = { path: '$.v', matchers: [{ match: 'integer' }, { match: 'null' }], combine: 'OR' };
    const matcher = new ValueMatcher([either, rule('$.w', { match: 'semver' })]);
    expect(matcher.compare({ v: 1 }, { v: null }).length).toBe(0);
    expect(pointers(matcher.compare({ v: 1 }, { v: 'x' }))).toEqual(['/v']);
    expect(matcher.compare({ w: '1.0.0' }, { w: '1.0.0' })[0]!.message).toMatch(/does not support/);
  });
});
