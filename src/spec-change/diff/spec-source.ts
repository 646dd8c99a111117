import { execFile } from 'node:child_process';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { SpecLoadError } from '../../contract/errors.js';
import { loadContract, type SpecReadOptions } from '../../contract/load.js';
import type { ContractModel } from '../../contract/model.js';

/** A version of the contract: a file, or a file at a git revision (`git:REF:path`). */
export type SpecLocation =
  | { readonly kind: 'file'; readonly path: string; readonly label: string }
  | { readonly kind: 'git'; readonly ref: string; readonly path: string; readonly label: string };

/** A loaded version of the contract and how the user named it. */
export interface LoadedSpec {
  readonly label: string;
  readonly contract: ContractModel;
}

/**
 * Reads `git:REF:path` (REF: a branch, tag, commit, `HEAD~1`, a merge base...; path: as `git show REF:path`
 * takes it, from the repository root, or from the working folder when it starts with `./` or `../../`),
 * anything else as a file path.
 *
 * @example parseSpecLocation('git:origin/main:spec/openapi.yaml') // { kind: 'git', ref: 'origin/main', ... }
 */
export function parseSpecLocation(text: string): SpecLocation {
  if (!text.startsWith('git:')) return { kind: 'file', path: text, label: text };
  const rest = text.slice(4);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1)
    throw new SpecLoadError(`${text} must be git:REF:PATH, e.g. git:origin/main:spec/openapi.yaml`, text);
  return { kind: 'git', ref: rest.slice(0, colon), path: rest.slice(colon + 1), label: text };
}

function git(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile('git', [...args], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        reject(Object.assign(new Error(code === 'ENOENT' ? 'git is not installed' : stderr.trim()), { code }));
      } else resolvePromise(stdout);
    });
  });
}

async function gitReader(location: Extract<SpecLocation, { kind: 'git' }>, cwd: string) {
  const fail = (reason: string) => new SpecLoadError(`cannot read spec ${location.label}: ${reason}`, location.label);
  const root = (
    await git(['rev-parse', '--show-toplevel'], cwd).catch((error: Error) => {
      throw fail(error.message === 'git is not installed' ? error.message : `${cwd} is not in a git repository`);
    })
  ).trim();
  await git(['rev-parse', '--verify', '--quiet', `${location.ref}^{commit}`], cwd).catch(() => {
    throw fail(`git ref ${location.ref} does not exist`);
  });
  const fromCwd = location.path.startsWith('./') || location.path.startsWith('../../');
  const absolute = resolve(fromCwd ? cwd : root, location.path);
  const readText = async (path: string): Promise<string> => {
    const inRepo = relative(root, path);
    if (inRepo.startsWith('..') || isAbsolute(inRepo)) throw fail(`${path} is outside the repository`);
    return git(['show', `${location.ref}:${inRepo.split(sep).join('/')}`], root).catch(() => {
      throw fail(`${inRepo} does not exist at ${location.ref}`);
    });
  };
  return { absolute, readText };
}

/**
 * Loads one version of the contract (see `parseSpecLocation`), its `$ref`s confined (see `loadContract`). A git version is read with `git show`,
 * and so are the files its `$ref`s name. Every failure is a one-line `SpecLoadError`.
 *
 * @example const base = await loadSpecAt('git:origin/main:spec/openapi.yaml');
 */
export async function loadSpecAt(
  text: string,
  cwd: string = process.cwd(),
  read: Pick<SpecReadOptions, 'allowedRefRoots'> = {},
): Promise<LoadedSpec> {
  const location = parseSpecLocation(text);
  if (location.kind === 'file')
    return { label: location.label, contract: await loadContract(resolve(cwd, location.path), read) };
  const { absolute, readText } = await gitReader(location, cwd);
  return {
    label: location.label,
    contract: await loadContract(absolute, { ...read, readText, label: location.label }),
  };
}
