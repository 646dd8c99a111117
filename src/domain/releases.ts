import type { TaskType } from '../shapes/contract-types.js';

// Every rule of the API that differs by ArcGIS Enterprise release, in one table, each fact with
// the Esri page that states it. The mock, verify, `spec --release` and `spec gate --release` all
// read this file; nothing else knows a version number.

/** A task type a client may send to createTask. */
export type CreatableTaskType = 'CreateBackup' | 'CreateHealthCheckReports';

/** What one release of the Enterprise Administrator API offers to `system/tasks` clients. */
export interface ReleaseProfile {
  /** `currentVersion` as the admin root says it (`11.4`). */
  readonly version: string;
  /** createTask exists. */
  readonly createTask: boolean;
  /** The `type` values createTask accepts. */
  readonly creatableTypes: readonly CreatableTaskType[];
  /** The task types whose tasks Edit Task (`update`) accepts. */
  readonly updatableTypes: readonly TaskType[];
  /**
   * The task types a document of this release may name: those it creates or edits. The table states
   * no other fact of a type's existence (a CreateBackup task at 10.9 is not creatable, not editable,
   * and nowhere documented), so nothing else is cut.
   */
  readonly taskTypes: readonly TaskType[];
  /** `healthCheck` (run, reports, suites) is listed at the admin root. */
  readonly healthChecks: boolean;
}

/** One fact of the table and where it is written. */
export interface ReleaseFact {
  readonly fact: string;
  readonly since: string;
  readonly source: string;
}

const DOCS = 'developers.arcgis.com/rest/enterprise-administration/enterprise';

/** The facts the table below is built from; `docs/releases.md` and `spec --release` cite them. */
export const RELEASE_FACTS: readonly ReleaseFact[] = [
  { fact: 'system/tasks, the task resource, runs, delete, enable, disable', since: '10.9', source: `${DOCS}/tasks` },
  { fact: 'createTask exists', since: '10.9.1', source: `${DOCS}/create-task` },
  { fact: 'createTask type CreateBackup', since: '10.9.1', source: `${DOCS}/create-task` },
  { fact: 'createTask type CreateHealthCheckReports', since: '11.4', source: `${DOCS}/create-task` },
  { fact: 'Edit Task takes CleanGPJobs tasks', since: '10.9', source: `${DOCS}/edit-task` },
  {
    fact: 'Edit Task takes CreateBackup and BackupRetentionCleaner tasks',
    since: '10.9.1',
    source: `${DOCS}/edit-task`,
  },
  {
    fact: 'Edit Task takes CreateHealthCheckReports tasks (inferred: the type exists)',
    since: '11.4',
    source: '[inferred]',
  },
  {
    fact: 'health checks (healthCheck/run, reports, suites)',
    since: '11.2',
    source: 'Enterprise Administrator API healthCheck/run page',
  },
];

/** The releases of the Enterprise Administrator API, oldest first; the newest is the newest the contract describes. */
export const RELEASES: readonly string[] = ['10.9', '10.9.1', '11.0', '11.1', '11.2', '11.3', '11.4'];

/** The release the toolkit speaks for when none is named. */
export const NEWEST_RELEASE = RELEASES[RELEASES.length - 1]!;

/**
 * A version as numbers: `11.4` -> [11, 4, 0]; `10.9.1` -> [10, 9, 1]; `10.91` (how some sites send
 * 10.9.1 as a number) -> [10, 9, 1]; `11.4.0.6062` (a fullVersion) -> [11, 4, 0]. Undefined for
 * anything else.
 */
function versionParts(version: string): [number, number, number] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})(?:\.(\d{1,3}))?(?:\.\d+)?$/.exec(version.trim());
  if (!match) return undefined;
  const major = Number(match[1]);
  let minor = Number(match[2]);
  let patch = Number(match[3] ?? 0);
  // 10.91: a two-digit minor written without its dot
  if (match[3] === undefined && match[2]!.length === 2 && minor > 9) {
    patch = minor % 10;
    minor = Math.floor(minor / 10);
  }
  return [major, minor, patch];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

const atLeast = (version: string, since: string) => compare(versionParts(version)!, versionParts(since)!) >= 0;

function profileOf(version: string): ReleaseProfile {
  const since = (fact: string) => atLeast(version, RELEASE_FACTS.find((f) => f.fact === fact)!.since);
  const creatableTypes: CreatableTaskType[] = [];
  if (since('createTask type CreateBackup')) creatableTypes.push('CreateBackup');
  if (since('createTask type CreateHealthCheckReports')) creatableTypes.push('CreateHealthCheckReports');
  const updatableTypes: TaskType[] = ['CleanGPJobs'];
  if (since('Edit Task takes CreateBackup and BackupRetentionCleaner tasks'))
    updatableTypes.push('CreateBackup', 'BackupRetentionCleaner');
  if (since('Edit Task takes CreateHealthCheckReports tasks (inferred: the type exists)'))
    updatableTypes.push('CreateHealthCheckReports');
  const taskTypes = [...new Set<TaskType>([...updatableTypes, ...creatableTypes])];
  return {
    version,
    createTask: since('createTask exists'),
    creatableTypes,
    updatableTypes,
    taskTypes,
    healthChecks: since('health checks (healthCheck/run, reports, suites)'),
  };
}

const PROFILES: ReadonlyMap<string, ReleaseProfile> = new Map(RELEASES.map((v) => [v, profileOf(v)]));

/** The profile a site is judged by, and why, when it is not the site's own release. */
export interface ResolvedRelease {
  readonly profile: ReleaseProfile;
  /** Set when the version is unknown, newer than the table, or not a version at all. */
  readonly warning?: string;
}

/**
 * The profile of a release. A release between two of the table's takes the older one's profile (an
 * 11.4.1 site is an 11.4 site); one newer than the table is judged by the newest profile, with a
 * warning; one older than 10.9 or not a version is an error for `exact` callers (`--release`) and
 * the newest profile with a warning otherwise.
 *
 * @example resolveRelease('10.91').profile.version // '10.9.1'
 * @example resolveRelease('12.0').warning // 'release 12.0 is newer than ...'
 */
export function resolveRelease(version: string | undefined): ResolvedRelease {
  const newest = PROFILES.get(NEWEST_RELEASE)!;
  if (version === undefined || version.trim() === '')
    return { profile: newest, warning: `the site did not say its release; judged as ${NEWEST_RELEASE}` };
  const parts = versionParts(version);
  if (!parts) return { profile: newest, warning: `"${version}" is not a release; judged as ${NEWEST_RELEASE}` };
  let chosen: string | undefined;
  for (const release of RELEASES) if (compare(parts, versionParts(release)!) >= 0) chosen = release;
  if (chosen === undefined)
    return { profile: newest, warning: `release ${version} is older than ${RELEASES[0]}; judged as ${NEWEST_RELEASE}` };
  if (chosen === NEWEST_RELEASE && compare(parts, versionParts(NEWEST_RELEASE)!) > 0)
    return {
      profile: newest,
      warning: `release ${version} is newer than the newest this toolkit knows (${NEWEST_RELEASE}); judged as ${NEWEST_RELEASE}`,
    };
  return { profile: PROFILES.get(chosen)! };
}

/** The release a user named (`--release`): one of the table's, else a message saying which exist. */
export function namedRelease(version: string): ReleaseProfile | string {
  const parts = versionParts(version);
  const match = parts && RELEASES.find((release) => compare(parts, versionParts(release)!) === 0);
  return match ? PROFILES.get(match)! : `unknown release "${version}"; the releases are ${RELEASES.join(', ')}`;
}
