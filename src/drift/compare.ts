import type { ContractModel } from '../contract/model.js';
import { stringifyBounded } from '../input/index.js';
import { ContractValidator } from '../validation/contract-validator.js';
import { isVolatile, jsonDifferences } from '../verify/json-diff.js';
import {
  analyzeDrift,
  type DateStyleEntry,
  type DriftAnalysis,
  type EnumEntry,
  type UnknownFieldEntry,
} from './analyze.js';
import type { DriftSource } from './sources.js';

/** One task that is in both recordings but differs. */
export interface TaskChange {
  readonly taskId: string;
  readonly taskTitle: string;
  /** Non-volatile differences (a schedule, a state, a parameter), at most 20. */
  readonly changes: readonly { readonly pointer: string; readonly before: unknown; readonly after: unknown }[];
}

/** A task as a comparison names it. */
export interface TaskNote {
  readonly taskId: string;
  readonly taskType: string;
  readonly taskTitle: string;
}

/** What changed on a site between two recordings: its tasks, its runs, and how it differs from the contract. */
export interface RecordingComparison {
  readonly version: number;
  readonly before: { readonly label: string; readonly siteVersion?: string };
  readonly after: { readonly label: string; readonly siteVersion?: string };
  readonly tasks: {
    readonly added: readonly TaskNote[];
    readonly removed: readonly TaskNote[];
    readonly changed: readonly TaskChange[];
    /** Tasks whose only differences are fields that move on their own (lastStart, updated, generation): they ran. */
    readonly ranOnly: number;
  };
  readonly runs: { readonly added: number; readonly removed: number };
  /** How the drift from the contract moved: what the new recording shows that the old did not, and the reverse. */
  readonly contract: {
    readonly newUnknownFields: readonly UnknownFieldEntry[];
    readonly goneUnknownFields: readonly UnknownFieldEntry[];
    readonly newEnumValues: readonly EnumEntry[];
    readonly dateStyleChanges: readonly {
      readonly kind: string;
      readonly path: string;
      readonly before: DateStyleEntry['styles'];
      readonly after: DateStyleEntry['styles'];
    }[];
  };
  /** True when anything above changed, the site version included. */
  readonly changed: boolean;
}

const note = (task: unknown): TaskNote => {
  const t = (task ?? {}) as Record<string, unknown>;
  return { taskId: String(t['taskId']), taskType: String(t['taskType']), taskTitle: String(t['taskTitle'] ?? '') };
};

function missingFrom<T>(these: readonly T[], those: readonly T[], key: (item: T) => string): T[] {
  const known = new Set(those.map(key));
  return these.filter((item) => !known.has(key(item)));
}

function dateStyleChanges(
  before: DriftAnalysis,
  after: DriftAnalysis,
): RecordingComparison['contract']['dateStyleChanges'] {
  const styles = (entry: DateStyleEntry | undefined) =>
    Object.keys(entry?.styles ?? {})
      .sort()
      .join(',');
  const key = (entry: DateStyleEntry) => `${entry.kind}${entry.path}`;
  const old = new Map(before.dateStyles.map((entry) => [key(entry), entry]));
  return after.dateStyles
    .filter((entry) => old.has(key(entry)) && styles(old.get(key(entry))) !== styles(entry))
    .map((entry) => ({ kind: entry.kind, path: entry.path, before: old.get(key(entry))!.styles, after: entry.styles }));
}

/**
 * Compares two recordings of one site ("what changed since last week"): tasks added, removed and
 * changed (fields that move on their own, such as lastStart, are counted apart), runs added and
 * removed, and how the site's drift from the contract moved (new unknown fields, new enum values,
 * date fields written another way).
 *
 * @example const diff = compareRecordings(contract, await sourceFromDirectory(old), await sourceFromDirectory(now));
 */
export function compareRecordings(
  contract: ContractModel,
  before: DriftSource,
  after: DriftSource,
): RecordingComparison {
  const validator = ContractValidator.for(contract);
  const driftBefore = analyzeDrift(contract, validator, before.samples).analysis;
  const driftAfter = analyzeDrift(contract, validator, after.samples).analysis;
  const added = [...after.tasks].filter(([id]) => !before.tasks.has(id)).map(([, task]) => note(task));
  const removed = [...before.tasks].filter(([id]) => !after.tasks.has(id)).map(([, task]) => note(task));
  const changed: TaskChange[] = [];
  let ranOnly = 0;
  for (const [id, task] of after.tasks) {
    const old = before.tasks.get(id);
    if (old === undefined) continue;
    const differences = jsonDifferences(old, task, 50);
    if (differences.length === 0) continue;
    const lasting = differences.filter((difference) => !isVolatile(difference));
    if (lasting.length === 0) ranOnly += 1;
    else
      changed.push({
        ...{ taskId: id, taskTitle: note(task).taskTitle },
        changes: lasting
          .slice(0, 20)
          .map((d) => ({ pointer: d.pointer, before: d.expected ?? null, after: d.actual ?? null })),
      });
  }
  let runsAdded = 0;
  let runsRemoved = 0;
  for (const id of new Set([...before.runIds.keys(), ...after.runIds.keys()])) {
    const old = new Set(before.runIds.get(id) ?? []);
    const now = new Set(after.runIds.get(id) ?? []);
    runsAdded += [...now].filter((run) => !old.has(run)).length;
    runsRemoved += [...old].filter((run) => !now.has(run)).length;
  }
  const fieldKey = (entry: UnknownFieldEntry) => `${entry.kind}${entry.path}`;
  const enumKey = (entry: EnumEntry) => `${entry.kind}${entry.path}\u0000${stringifyBounded(entry.value)}`;
  const contractChanges = {
    newUnknownFields: missingFrom(driftAfter.unknownFields, driftBefore.unknownFields, fieldKey),
    goneUnknownFields: missingFrom(driftBefore.unknownFields, driftAfter.unknownFields, fieldKey),
    newEnumValues: missingFrom(driftAfter.enumValues, driftBefore.enumValues, enumKey),
    dateStyleChanges: dateStyleChanges(driftBefore, driftAfter),
  };
  const somethingChanged =
    before.siteVersion !== after.siteVersion ||
    added.length + removed.length + changed.length + runsAdded + runsRemoved > 0 ||
    Object.values(contractChanges).some((list) => list.length > 0);
  return {
    version: 1,
    before: { label: before.label, ...(before.siteVersion ? { siteVersion: before.siteVersion } : {}) },
    after: { label: after.label, ...(after.siteVersion ? { siteVersion: after.siteVersion } : {}) },
    tasks: { added, removed, changed, ranOnly },
    runs: { added: runsAdded, removed: runsRemoved },
    contract: contractChanges,
    changed: somethingChanged,
  };
}
