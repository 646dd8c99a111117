import type { ResolvedRelease } from '../../domain/releases.js';

/** What a report says of the release profile a run judged by. */
export interface ReleaseMeta {
  /** The profile's version (`11.3`). */
  readonly profile: string;
  /** `option`: `--release`; `site`: the admin root's `currentVersion`. */
  readonly from: 'option' | 'site';
  readonly warning?: string;
}

export function releaseMeta(resolved: ResolvedRelease, named: string | undefined): ReleaseMeta {
  return {
    profile: resolved.profile.version,
    from: named ? 'option' : 'site',
    ...(resolved.warning ? { warning: resolved.warning } : {}),
  };
}
