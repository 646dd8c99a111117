import { mkdir, mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import {
  INPUT_LIMITS,
  InputError,
  parseJsonText,
  parseYamlText,
  readTextFile,
  valueDepth,
} from '../../src/input/index.js';
import { runCli } from '../helpers/cli.js';

// Issue 17, "What to build" 1: depth and size limits where input enters, each refusal one line.
// Every family of recursive walkers is fed 10,000-deep input through its real entry point.

const dir = await mkdtemp(join(tmpdir(), 'input-limits-'));
const DEEP = 10_000;
const deepJson = (inner = '1') => `${'{"a":'.repeat(DEEP)}${inner}${'}'.repeat(DEEP)}`;
const limit = INPUT_LIMITS.depth.value;

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<InputError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('accepted, but should have been refused');
}

describe('readTextFile', () => {
  it('reads a file within its limit', async () => {
    await writeFile(join(dir, 'ok.json'), '{"a":1}');
    await expect(readTextFile(join(dir, 'ok.json'), { what: 'test', maxBytes: 7 })).resolves.toBe('{"a":1}');
  });

  it('refuses a missing file, a folder and a file past the limit, in one line naming it', async () => {
    await writeFile(join(dir, 'big.json'), 'x'.repeat(100));
    expect((await refusal(readTextFile(join(dir, 'nope.json'), { what: 'test', maxBytes: 10 }))).message).toBe(
      `cannot read test ${join(dir, 'nope.json')}: no such file`,
    );
    expect((await refusal(readTextFile(dir, { what: 'test', maxBytes: 10 }))).problem).toBe('directory');
    const tooLarge = await refusal(readTextFile(join(dir, 'big.json'), { what: 'test', maxBytes: 99 }));
    expect(tooLarge.message).toBe(
      `cannot read test ${join(dir, 'big.json')}: it is larger than 99 bytes, the limit for a test file`,
    );
  });

  it('stops at the limit on files that report no size (/proc)', async () => {
    const refused = await refusal(readTextFile('/proc/self/status', { what: 'test', maxBytes: 16 }));
    expect(refused.problem).toBe('too-large');
  });
});

describe('parseJsonText and parseYamlText', () => {
  it('refuses JSON nested 10,000 deep before parsing, and takes it at the limit', () => {
    expect(() => parseJsonText(deepJson(), { label: 'deep.json' })).toThrow(
      `deep.json nests deeper than ${limit} levels`,
    );
    const atLimit = `${'['.repeat(limit)}${']'.repeat(limit)}`;
    expect(valueDepth(parseJsonText(atLimit, { label: 'ok' }), limit + 1)).toBe(limit);
  });

  it('refuses JSON one level past the limit whatever its brackets (the cheap count sees objects and arrays)', () => {
    const opening = Array.from({ length: limit + 1 }, (_, i) => (i % 2 === 0 ? '[' : '{"a":')).join('');
    const closing = Array.from({ length: limit + 1 }, (_, i) => (i % 2 === 0 ? ']' : '}'))
      .reverse()
      .join('');
    const text = `${opening}1${closing}`;
    expect(JSON.parse(text)).toBeDefined();
    expect(() => parseJsonText(text, { label: 'mixed.json' })).toThrow(`mixed.json nests deeper than ${limit} levels`);
    expect(() => parseJsonText(text, { label: 'mixed.json', maxDepth: limit + 1 })).not.toThrow();
  });

  it('counts brackets inside strings as text', () => {
    expect(parseJsonText(JSON.stringify({ a: '['.repeat(DEEP) }), { label: 'strings' })).toEqual({
      a: '['.repeat(DEEP),
    });
  });

  it('ignores a UTF-8 byte order mark and names syntax errors', async () => {
    expect(parseJsonText('\ufeff{"a":1}', { label: 'bom' })).toEqual({ a: 1 });
    expect((await refusal(() => parseJsonText('{', { label: 'bad.json' }))).message).toMatch(
      /^bad\.json is not JSON: /,
    );
  });

  it('refuses YAML nested 10,000 deep (flow and block) without a stack overflow', async () => {
    const flow = `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`;
    expect((await refusal(parseYamlText(flow, { label: 'flow.yaml' }))).problem).toBe('too-deep');
    const block = Array.from({ length: DEEP }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect((await refusal(parseYamlText(block, { label: 'block.yaml' }))).problem).toBe('too-deep');
  });

  it('keeps an alias bomb cheap (aliases stay shared) and refuses an alias cycle', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const bomb = (await parseYamlText(levels.join('\n'), { label: 'bomb.yaml' })) as Record<string, unknown[]>;
    expect(bomb['i']![0]).toBe(bomb['i']![1]);
    expect((await refusal(parseYamlText('a: &a [*a]', { label: 'cycle.yaml' }))).problem).toBe('too-deep');
  });
});

describe('every family of walkers gets 10,000-deep input through its entry point: one line, exit 2', () => {
  const oneLine = /^tasks-contract: [^\n]+\n$/;
  const deeper = `nests deeper than ${limit} levels`;

  it('validate (schema validation, violation rendering)', async () => {
    await writeFile(join(dir, 'task.json'), `{"taskId":${deepJson()}}`);
    const result = await runCli(['validate', '--schema', 'Task', join(dir, 'task.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(oneLine);
    expect(result.stderr).toContain(deeper);
  });

  it('pact check-spec (pact bodies and matching rules)', async () => {
    await writeFile(
      join(dir, 'pact.json'),
      `{"consumer":{"name":"c"},"provider":{"name":"p"},"interactions":[{"response":${deepJson()}}]}`,
    );
    const result = await runCli(['pact', 'check-spec', join(dir, 'pact.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(oneLine);
    expect(result.stderr).toContain(deeper);
  });

  it('spec and spec diff (schema walkers of the diff)', async () => {
    const spec = join(dir, 'deep-spec.yaml');
    const schema = `${'{type: array, items: '.repeat(DEEP)}{type: string}${'}'.repeat(DEEP)}`;
    await writeFile(
      spec,
      `openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    Deep: ${schema}\n`,
    );
    for (const args of [
      ['spec', '--spec', spec],
      ['spec', 'diff', defaultSpecPath(), spec],
    ]) {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(oneLine);
      expect(result.stderr).toContain(deeper);
    }
  });

  it('drift of a recording (drift analysis, fixture directories)', async () => {
    const recording = join(dir, 'recording');
    await mkdir(recording, { recursive: true });
    await writeFile(join(recording, 'tasks.json'), `{"result":[${deepJson()}]}`);
    const result = await runCli(['drift', recording]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(oneLine);
    expect(result.stderr).toContain(deeper);
  });
});

describe('a scenario file past its size limit', () => {
  it('is refused in one line before it is read (a sparse file: its size, not its bytes)', async () => {
    const file = join(dir, 'huge-scenario.json');
    await writeFile(file, '{}');
    await truncate(file, INPUT_LIMITS.scenarioBytes.value + 1);
    const result = await runCli(['mock', '--port', '0', '--scenario', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^tasks-contract: .*huge-scenario\.json.*larger than 64 MiB, the limit for a scenario file.*\n$/,
    );
  });
});
