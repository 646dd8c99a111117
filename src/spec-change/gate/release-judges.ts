import type { ContractModel } from '../../contract/model.js';
import { contractForRelease } from '../../contract/release-spec.js';
import { resolveRelease } from '../../domain/releases.js';
import { SpecJudge } from './judge.js';

/** OLD and NEW as of one release (or whole, `release` undefined), and their judges. */
export interface JudgesAt {
  /** The release they were cut to (a profile's version: `11.4.1` is judged as `11.4`); undefined: the whole contract. */
  readonly release: string | undefined;
  readonly oldContract: ContractModel;
  readonly newContract: ContractModel;
  readonly old: SpecJudge;
  readonly new: SpecJudge;
}

/**
 * The judges of each release the gate meets: the one it was given (`--release`) and each an artifact
 * names (a scenario's `release`, a fixture set's or recording's `siteVersion`). A release newer than
 * the table is judged by the newest profile, and the warning is said once in `notes`.
 */
export class ReleaseJudges {
  private readonly byVersion = new Map<string, Promise<JudgesAt>>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly old: ContractModel,
    private readonly current: ContractModel,
    private readonly notes: string[],
  ) {}

  at(release: string | undefined): Promise<JudgesAt> {
    if (release === undefined) return this.cached('', async () => this.judges(undefined, this.old, this.current));
    const { profile, warning } = resolveRelease(release);
    if (warning && !this.warned.has(release)) {
      this.warned.add(release);
      this.notes.push(warning);
    }
    return this.cached(profile.version, async () => {
      const [oldCut, newCut] = await Promise.all([
        contractForRelease(this.old, profile),
        contractForRelease(this.current, profile),
      ]);
      return this.judges(profile.version, oldCut, newCut);
    });
  }

  private cached(key: string, make: () => Promise<JudgesAt>): Promise<JudgesAt> {
    let pending = this.byVersion.get(key);
    if (!pending) {
      pending = make();
      this.byVersion.set(key, pending);
    }
    return pending;
  }

  private judges(release: string | undefined, oldContract: ContractModel, newContract: ContractModel): JudgesAt {
    return {
      release,
      oldContract,
      newContract,
      old: new SpecJudge(oldContract),
      new: new SpecJudge(newContract, oldContract),
    };
  }
}
