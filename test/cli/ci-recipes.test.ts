import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Command } from 'commander';
import { parseDocument } from 'yaml';
import { buildProgram } from '../../src/cli/main.js';
import { packageRoot } from '../../src/contract/package-root.js';

// docs/ci.md's recipes must be valid YAML of the right shape, and every tasks-contract command in
// them must parse with our CLI (command, flags and values), with the CI's variables filled in.

const markdown = await readFile(join(packageRoot(), 'docs', 'ci.md'), 'utf8');
const yamlBlocks = (text: string) => [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
/** The sharded-verify section: from its heading to the next section of the same level. */
const section = markdown.slice(markdown.indexOf('## Verify across a CI matrix')).split(/\n## /)[0]!;
const blocks = yamlBlocks(section);

/** What the CI puts in place of its expressions and variables, for one shard of three. */
const SAMPLE: Readonly<Record<string, string>> = {
  '${{ matrix.shard }}': '2',
  '${{ strategy.job-total }}': '3',
  '${CI_NODE_INDEX}': '2',
  '${CI_NODE_TOTAL}': '3',
  '"$ARCGIS_ADMIN_URL"': 'https://gis.example.com/arcgis/admin',
};

// biome-ignore lint/suspicious/noExplicitAny: a CI file's shape, read only to look at a few known keys
type Jobs = Record<string, any>;

function commandsIn(value: unknown): string[] {
  if (typeof value === 'string')
    return value.includes('tasks-contract ')
      ? [value.slice(value.indexOf('tasks-contract ') + 'tasks-contract '.length)]
      : [];
  if (Array.isArray(value)) return value.flatMap(commandsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(commandsIn);
  return [];
}

/** The words of one command line up to `||`, `&&` or `;`, with the sample values in place. */
function words(line: string): string[] {
  let text = line.split(/\s(?:\|\||&&|;)\s/)[0]!;
  for (const [expression, sample] of Object.entries(SAMPLE)) text = text.split(expression).join(sample);
  expect(text).not.toMatch(/\$/); // every variable has a sample
  return text.trim().split(/\s+/);
}

/** Parses a command line with our CLI without running it: the subcommand path, then its options. */
function parse(program: Command, argv: string[]): { path: string[]; unknown: string[] } {
  const path: string[] = [];
  let command = program;
  let rest = argv;
  for (;;) {
    const next = command.commands.find((c) => c.name() === rest[0]);
    if (!next) break;
    path.push(next.name());
    command = next;
    rest = rest.slice(1);
  }
  const { unknown } = command.parseOptions(rest);
  return { path, unknown };
}

describe('docs/ci.md', () => {
  it('has a GitHub Actions matrix and a GitLab parallel job, each with a merge job, as valid YAML', () => {
    for (const block of yamlBlocks(markdown))
      expect(parseDocument(block, { prettyErrors: true }).errors.map((e) => e.message)).toEqual([]);
    expect(blocks).toHaveLength(2);
    const [github, gitlab] = blocks.map((block) => {
      const doc = parseDocument(block, { prettyErrors: true, uniqueKeys: true });
      expect(doc.errors.map((e) => e.message)).toEqual([]);
      return doc.toJS() as Jobs;
    });
    expect(github!['jobs']['verify']['strategy']['matrix']['shard']).toEqual([1, 2, 3, 4]);
    expect(github!['jobs']['report']['needs']).toBe('verify');
    expect(github!['jobs']['report']['if']).toBe('always()');
    expect(JSON.stringify(github!['jobs']['verify']['steps'])).toContain('actions/upload-artifact');
    expect(gitlab!['verify']['parallel']).toBe(4);
    expect(gitlab!['verify-report']['artifacts']['reports']['junit']).toBe('reports/verify.xml');
  });

  it('uses only commands, flags and values our CLI accepts', async () => {
    // the commands one at a time: jest's ESM loader trips over the program's parallel lazy imports
    const programs = { verify: await buildProgram(['verify']), report: await buildProgram(['report']) };
    const quiet = (command: Command): void => {
      command.configureOutput({ writeErr: () => undefined, outputError: () => undefined });
      command.commands.forEach(quiet);
    };
    Object.values(programs).forEach(quiet);
    const lines = blocks.flatMap((block) => commandsIn(parseDocument(block).toJS()));
    expect(lines.length).toBe(4);
    const parsed = lines.map((line) => {
      const argv = words(line);
      return parse(programs[argv[0] as keyof typeof programs], argv);
    });
    expect(parsed.map((p) => p.path.join(' '))).toEqual(['verify', 'report merge', 'verify', 'report merge']);
    for (const { unknown } of parsed) expect(unknown).toEqual([]);
    // and a value the CLI refuses is caught: the check is not vacuous
    expect(() => parse(programs.verify, ['verify', '--shard', '4/3'])).toThrow(/--shard 4\/3/);
    expect(parse(programs.verify, ['verify', '--shards', '1/3']).unknown).toEqual(['--shards', '1/3']);
  });
});
