import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

// Finds, in src/, the files the code reads at run time through the package root (`packageRoot()`)
// or beside a module (`import.meta.url`), as the tarball must hold them. A module that reads files
// so is scanned for its string literals and the runs of literals inside each `join(...)`: those
// that name a file or a folder of this tree (from the root, or from the module's folder) are what
// it reads. A folder the module lists (`readdirSync`) must ship whole; a file beside a module ships
// beside its compiled module, under dist/.

const READS = /\b(readFileSync|readFile|readTextFile|readdirSync|existsSync)\s*\(/;
const ANCHORS = /\bpackageRoot\(\)|import\.meta\.url/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The path-like literals of a module: each literal, and each run of literals joined by a `join(...)` call. */
function pathLiterals(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/'([\w./-]+)'/g)) found.add(match[1]!);
  for (const call of text.matchAll(/join\(([^)]*)\)/g)) {
    const parts = [...call[1]!.matchAll(/'([\w./-]+)'/g)].map((m) => m[1]!);
    for (let i = 0; i < parts.length; i++)
      for (let j = i + 1; j <= parts.length; j++) found.add(parts.slice(i, j).join('/'));
  }
  return [...found].filter((literal) => /[a-z]/i.test(literal) && !literal.startsWith('.'));
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(dir, entry.name));
}

/** The tarball paths of every file src/ reads at run time (package.json included), sorted. */
export function filesReadAtRunTime(root: string): string[] {
  const needed = new Set<string>(['package.json']);
  for (const module of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(module, 'utf8');
    if (!ANCHORS.test(text) || !READS.test(text)) continue;
    const literals = pathLiterals(text);
    const folders: string[] = [];
    for (const literal of literals) {
      const fromRoot = join(root, literal);
      if (existsSync(fromRoot) && literal !== 'src' && literal !== 'dist') {
        if (statSync(fromRoot).isDirectory()) {
          folders.push(fromRoot);
          if (/readdirSync\(/.test(text)) for (const file of filesIn(fromRoot)) needed.add(relative(root, file));
        } else needed.add(literal);
      }
      const beside = join(dirname(module), literal);
      if (!literal.endsWith('.ts') && existsSync(beside) && statSync(beside).isFile())
        needed.add(join('dist', relative(root, beside)));
    }
    // a file named apart from its folder: join(packageRoot(), SCENARIO_DIR, SCHEMA_FILE)
    for (const folder of folders)
      for (const literal of literals)
        if (existsSync(join(folder, literal)) && statSync(join(folder, literal)).isFile())
          needed.add(relative(root, join(folder, literal)));
  }
  return [...needed].sort();
}
