import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/index.js';

// The documentation is read as text too: short lines outside code, and links that lead somewhere.
const root = packageRoot();
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const MAX_LINE = 160;

/** The lines of a markdown page outside fenced code blocks, with their numbers. */
function proseLines(text: string): { n: number; line: string }[] {
  let inCode = false;
  const out: { n: number; line: string }[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trimStart().startsWith('```')) inCode = !inCode;
    else if (!inCode) out.push({ n: i + 1, line });
  });
  return out;
}

describe.each(pages)('%s', (page) => {
  const text = readFileSync(join(root, page), 'utf8');

  it(`has no line over ${MAX_LINE} characters outside code`, () => {
    const long = proseLines(text).filter(({ line }) => line.length > MAX_LINE);
    expect(long.map(({ n, line }) => `${page}:${n} (${line.length})`)).toEqual([]);
  });

  it('links only to files that exist', () => {
    const links = [...text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
    const missing = links
      .filter((link) => !/^[a-z]+:/.test(link))
      .filter((link) => {
        try {
          readFileSync(join(root, dirname(page), link));
          return false;
        } catch {
          return true;
        }
      });
    expect(missing).toEqual([]);
  });
});
