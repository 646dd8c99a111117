import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { inputsDigest } from '../../scripts/build.mjs';
import { packageRoot } from '../../src/contract/package-root.js';

// The package as users get it, made once and shared by every file of test/package (and by later
// runs while nothing changed): `npm pack` of the built tree, installed from the tarball into a new
// ESM project in the system's temp folder. The cache folder is keyed by a digest of what goes into
// the tarball; a lock folder lets one jest worker build it while the others wait for its marker.

const exec = promisify(execFile);

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end; a non-zero exit is a result, not an exception. */
export const run = (file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> =>
  exec(file, [...args], { cwd, env: { ...process.env, ...env }, maxBuffer: 32 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number | string; stdout?: string; stderr?: string }) => {
      if (typeof error.code !== 'number') throw error; // the program did not run at all
      return { code: error.code, stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
    },
  );

export interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

export interface Installed {
  /** The consumer project: package.json (type module), node_modules with the package installed. */
  readonly project: string;
  readonly cli: string;
  readonly tarball: string;
  readonly packed: Packed;
  /** How long the one pack and the one install took when the cache was made. */
  readonly packMs: number;
  readonly installMs: number;
}

const root = packageRoot();
/** Test runners the consumer uses, linked from this repository's node_modules (no download, no install). */
const RUNNERS = ['jest', 'vitest', '@jest/globals'];
/** Besides the build's inputs: what else the tarball holds or the install reads. */
const EXTRA_INPUTS = [
  'mocks',
  'contracts/provider-states.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'package-lock.json',
];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A digest of everything the tarball is made from. */
function cacheKey(): string {
  // the root too: the consumer's test runners are links into this tree's node_modules
  const hash = createHash('sha256').update(root).update(inputsDigest(root));
  for (const file of EXTRA_INPUTS.flatMap((input) => filesUnder(join(root, input))))
    hash.update(relative(root, file)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function make(dir: string): Promise<Installed> {
  const project = join(dir, 'project');
  await rm(dir, { recursive: true, force: true });
  await mkdir(project, { recursive: true });
  let started = performance.now();
  const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const packed = (JSON.parse(pack.stdout) as Packed[])[0]!;
  const packMs = performance.now() - started;
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  started = performance.now();
  const tarball = join(dir, packed.filename);
  // the package's dependencies come from npm's cache (warm after `npm ci`)
  const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], project);
  if (install.code !== 0) throw new Error(`npm install of the tarball failed: ${install.stderr}`);
  const installMs = performance.now() - started;
  for (const name of RUNNERS) {
    const link = join(project, 'node_modules', name);
    await mkdir(join(link, '..'), { recursive: true });
    await symlink(join(root, 'node_modules', name), link, 'dir');
  }
  const installed: Installed = {
    project,
    cli: join(project, 'node_modules', '.bin', 'tasks-contract'),
    tarball,
    packed,
    packMs,
    installMs,
  };
  await writeFile(join(dir, 'ready.json'), JSON.stringify(installed));
  return installed;
}

const CACHE_PREFIX = 'arcgis-tasks-contract-installed-';
/** A cache no run has made or read for this long is left over from an older tree: removed. */
const STALE_MS = 24 * 60 * 60 * 1000;

/** Removes the other caches of the package (about 30 MB each) that no run has used for a day. */
async function pruneStaleCaches(keep: string): Promise<void> {
  const now = Date.now();
  for (const name of readdirSync(tmpdir())) {
    const dir = join(tmpdir(), name);
    if (!name.startsWith(CACHE_PREFIX) || name.endsWith('.lock') || dir === keep) continue;
    const used = await stat(join(dir, 'ready.json')).then(
      (s) => Math.max(s.mtimeMs, s.atimeMs),
      () => 0,
    );
    if (existsSync(`${dir}.lock`) || now - used < STALE_MS) continue;
    await rm(dir, { recursive: true, force: true });
  }
}

let shared: Promise<Installed> | undefined;

/**
 * The packed and installed package, made at most once per digest of its inputs: the first caller
 * packs and installs under a lock; the others (other jest workers, later runs) read its marker.
 */
export function installedPackage(): Promise<Installed> {
  shared ??= (async () => {
    const dir = join(tmpdir(), `${CACHE_PREFIX}${cacheKey()}`);
    const ready = join(dir, 'ready.json');
    const lock = `${dir}.lock`;
    for (let waited = 0; ; waited += 250) {
      if (existsSync(ready)) return JSON.parse(await readFile(ready, 'utf8')) as Installed;
      try {
        await mkdir(lock);
      } catch {
        // another worker is making it; a lock older than 10 minutes was left by a killed run
        const age = await stat(lock).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age > 600_000) await rm(lock, { recursive: true, force: true });
        if (waited > 900_000) throw new Error(`gave up waiting for ${lock}`);
        await sleep(250);
        continue;
      }
      try {
        const made = await make(dir);
        await pruneStaleCaches(dir);
        return made;
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
    }
  })();
  return shared;
}
