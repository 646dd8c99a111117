import { InvalidArgumentError } from 'commander';
import { namedRelease, RELEASES } from '../domain/releases.js';

/** The releases `--release` takes, for help texts. */
export const RELEASE_CHOICES = RELEASES.join(', ');

/** A commander option parser for `--release V`: one of the release table's versions, as written there. */
export function releaseOption(raw: string): string {
  const release = namedRelease(raw);
  if (typeof release === 'string') throw new InvalidArgumentError(`${release}.`);
  return release.version;
}
