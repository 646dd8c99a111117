import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadDiffConfig } from '../../../src/spec-change/diff/config.js';
import { diffContracts } from '../../../src/spec-change/diff/diff.js';
import { tempDir } from '../gate/gate-setup.js';
import { contractOf, specCopy } from './spec-copies.js';

const dir = await tempDir('spec-diff-config-');

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(path, file), text);
  return path;
}

describe('spec diff settings', () => {
  it('reads severities from the "tasks-contract" key of package.json when there is no .tasks-contract.yaml', async () => {
    const cwd = await folder('package', {
      'package.json': JSON.stringify({
        name: 'x',
        'tasks-contract': { 'spec-diff': { severity: { 'response-enum-value-removed': 'error' } } },
      }),
    });
    expect(await loadDiffConfig({ cwd })).toEqual({
      severity: { 'response-enum-value-removed': 'error' },
      source: `${join(cwd, 'package.json')} ("tasks-contract")`,
    });
  });

  it('prefers .tasks-contract.yaml, and has no settings when neither says anything', async () => {
    const both = await folder('both', {
      '.tasks-contract.yaml': 'spec-diff:\n  severity:\n    api-added: off\n',
      'package.json': JSON.stringify({ 'tasks-contract': { 'spec-diff': { severity: { 'api-added': 'error' } } } }),
    });
    expect((await loadDiffConfig({ cwd: both })).severity).toEqual({ 'api-added': 'off' });
    const none = await folder('none', { 'package.json': '{"name": "x"}' });
    expect(await loadDiffConfig({ cwd: none })).toEqual({ severity: {}, source: undefined });
  });

  it.each([
    [
      'a severity that is not one',
      'spec-diff:\n  severity:\n    api-added: fatal\n',
      /severity of api-added must be error, warning, info or off, got "fatal"/,
    ],
    ['an unknown setting', 'spec-diff:\n  ignore: [x]\n', /unknown setting spec-diff\.ignore \(known: severity\)/],
    ['YAML that does not parse', 'spec-diff: [\n', /cannot parse .*\.tasks-contract\.yaml: /],
  ])('refuses %s with one line', async (name, text, message) => {
    const cwd = await folder(name.replace(/\W+/g, '-'), { '.tasks-contract.yaml': text });
    const error = await loadDiffConfig({ cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('applies the severities: a raised rule fails, an "off" rule is gone', async () => {
    const before = await contractOf(specCopy(), 'old.json');
    const after = await contractOf(specCopy((s) => (s['components'].schemas.RetentionType.enum = ['week', 'month'])));
    const changes = diffContracts(before, after, {
      severity: { 'response-enum-value-removed': 'error', 'request-enum-value-removed': 'off' },
    });
    expect(changes.map((c) => [c.rule, c.severity])).toEqual([['response-enum-value-removed', 'error']]);
  });
});
