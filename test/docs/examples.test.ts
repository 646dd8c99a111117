import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { packageRoot } from '../../src/contract/package-root.js';
import { CLI_PATH, runCli } from '../helpers/cli.js';

// The examples of README.md and docs/*.md as written: every fenced block a user would paste is
// checked here, unless a `<!-- not-run: reason -->` line comes right before it. A shell line that
// calls tasks-contract must name a command that exists and only options its --help lists; a
// TypeScript block must import only names the package (or its matchers subpaths) exports.

const root = packageRoot();
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

interface Block {
  readonly file: string;
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  readonly notRun: string | undefined;
}

/** The fenced blocks of a markdown text, each with the not-run reason before it (if any). */
function fencedBlocks(file: string, text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line));
    const before = lines[i - 1] ?? '';
    const notRun = /^<!-- not-run: (.+) -->$/.exec(before)?.[1];
    blocks.push({ file, line: i + 1, lang: open[1]!, code: lines.slice(i + 1, end).join('\n'), notRun });
    i = end;
  }
  return blocks;
}

const blocks = documents.flatMap((file) => fencedBlocks(file, readFileSync(join(root, file), 'utf8')));
const runnable = blocks.filter((block) => block.notRun === undefined);

/** Each `tasks-contract ...` line of the shell blocks: its words up to a comment. */
const commandLines = runnable
  .filter((block) => block.lang === 'sh' || block.lang === 'bash')
  .flatMap((block) =>
    block.code
      .split('\n')
      .map((line) => line.replace(/\s#.*$/, '').trim())
      .filter((line) => /^(npx )?tasks-contract /.test(line))
      .map((line) => ({
        where: `${block.file}:${block.line}`,
        words: line.replace(/^npx /, '').split(/\s+/).slice(1),
      })),
  );

/** The command path of a line: `spec diff`, `pact verify`, `verify`... (words before the first option or argument). */
const SUBCOMMANDS: Record<string, string[]> = {
  spec: ['diff', 'gate', 'rules'],
  pact: ['check-spec', 'verify', 'stub'],
  report: ['merge'],
};
const commandOf = (words: string[]): string[] =>
  words[0]?.startsWith('-')
    ? []
    : SUBCOMMANDS[words[0]!]?.includes(words[1] ?? '')
      ? words.slice(0, 2)
      : words.slice(0, 1);

const helps = new Map<string, string>();
beforeAll(async () => {
  const commands = [...new Set(commandLines.map((line) => commandOf(line.words).join(' ')))];
  await Promise.all(
    commands.map(async (command) => {
      const result = await runCli([...command.split(' ').filter(Boolean), '--help']);
      helps.set(command, result.code === 0 ? result.stdout : '');
    }),
  );
}, 120_000);

describe('the examples of the README and docs', () => {
  it('every block is checked or says why not', () => {
    const unexplained = blocks.filter(
      (b) => b.notRun === undefined && !['sh', 'bash', 'ts', 'yaml', ''].includes(b.lang),
    );
    expect(unexplained.map((b) => `${b.file}:${b.line} (${b.lang})`)).toEqual([]);
    expect(blocks.filter((b) => b.notRun !== undefined && b.notRun.trim().length < 10)).toEqual([]);
    expect(commandLines.length).toBeGreaterThan(5);
  });

  it('names only commands and options the CLI has', () => {
    const wrong: string[] = [];
    for (const { where, words } of commandLines) {
      const command = commandOf(words).join(' ');
      const help = helps.get(command) ?? '';
      if (!help) {
        wrong.push(`${where}: no command "${command}"`);
        continue;
      }
      for (const option of words.filter((w) => /^--[a-z]/.test(w)).map((w) => w.replace(/[=[\]].*$/, '')))
        if (!new RegExp(`(^|[\\s,])${option}\\b`).test(help)) wrong.push(`${where}: ${command} has no ${option}`);
    }
    expect(wrong).toEqual([]);
  });

  it('imports only what the package exports', async () => {
    const entries: Record<string, Record<string, unknown>> = {
      'arcgis-tasks-contract': await import('../../src/index.js'),
      'arcgis-tasks-contract/matchers': await import('../../src/matchers/index.js'),
    };
    const missing: string[] = [];
    for (const block of runnable.filter((b) => b.lang === 'ts')) {
      for (const match of block.code.matchAll(
        /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(arcgis-tasks-contract[^']*)'/g,
      )) {
        const exported = entries[match[3]!];
        if (!exported) continue;
        for (const name of match[2]!
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean)) {
          if (match[1] || name.startsWith('type ')) continue; // types are checked by tsc, not at run time
          const bare = name.split(/\s+as\s+/)[0]!;
          if (!(bare in exported)) missing.push(`${block.file}:${block.line}: ${bare} from ${match[3]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('runs each standalone TypeScript block (no test runner in it) against the built package', async () => {
    const standalone = runnable.filter(
      (b) => b.lang === 'ts' && !/@jest\/globals|from 'vitest'|\bexpect\(/.test(b.code),
    );
    expect(standalone.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'doc-examples-'));
    const entry = pathToFileURL(join(CLI_PATH, '..', '..', 'index.js')).href;
    const results = await Promise.all(
      standalone.map(async (block, i) => {
        const js = ts
          .transpileModule(block.code, {
            compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
          })
          .outputText.replaceAll("'arcgis-tasks-contract'", `'${entry}'`);
        const file = join(dir, `example-${i}.mjs`);
        writeFileSync(file, js);
        const { spawnSync } = await import('node:child_process');
        const ran = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
        return { where: `${block.file}:${block.line}`, code: ran.status, stderr: ran.stderr, stdout: ran.stdout };
      }),
    );
    for (const result of results) expect(result).toMatchObject({ code: 0, stderr: '' });
    // the createTask example creates a task
    expect(results.find((r) => r.where.startsWith('docs/use-in-your-project.md'))?.stdout).toMatch(/status: 'success'/);
  }, 120_000);

  it('finds the blocks and their not-run reasons (a block the parser missed could not be checked)', () => {
    const sample = fencedBlocks(
      'x.md',
      'a\n<!-- not-run: needs a real site -->\n```sh\ntasks-contract verfy\n```\n```ts\nx\n```\n',
    );
    expect(sample).toEqual([
      { file: 'x.md', line: 3, lang: 'sh', code: 'tasks-contract verfy', notRun: 'needs a real site' },
      { file: 'x.md', line: 6, lang: 'ts', code: 'x', notRun: undefined },
    ]);
  });
});
