import type { ContractModel } from '../contract/model.js';
import { type DateWriting, describeDateWriting } from '../domain/dates.js';
import { stringifyBounded } from '../input/index.js';
import { isSecretPath, maskAtPath } from '../redaction/index.js';
import { checkDocument } from '../validation/check-document.js';
import type { ContractValidator } from '../validation/contract-validator.js';
import type { Violation } from '../validation/violation.js';

/** One document of real traffic: a task or a run, and where it came from (a file, or a URL). */
export interface DriftSample {
  readonly kind: 'task' | 'run';
  readonly source: string;
  readonly value: unknown;
}

/** What differs at one place of the documents (a path such as `/parameters/compression`, indexes as `*`). */
interface Entry {
  readonly kind: 'task' | 'run';
  readonly path: string;
  /** Documents it was seen in. */
  readonly count: number;
  readonly taskTypes: readonly string[];
}

/** A field the contract does not know, with a few of its values. */
export interface UnknownFieldEntry extends Entry {
  readonly samples: readonly unknown[];
}
/** A field the contract requires that the documents lack. */
export type MissingFieldEntry = Entry;
/** A value an enum (or a constant) of the contract does not allow. */
export interface EnumEntry extends Entry {
  readonly value: unknown;
  readonly allowed: unknown;
}
/** A value of another JSON type than the contract's. */
export interface TypeEntry extends Entry {
  readonly expected: unknown;
  readonly seen: readonly string[];
  readonly samples: readonly unknown[];
}
/** Any other rule broken (a pattern, a bound, a union no variant of which fits). */
export interface OtherEntry extends Entry {
  readonly rule: string;
  readonly message: string;
  readonly samples: readonly unknown[];
}
/** How one date field was written across the documents. */
export interface DateStyleEntry {
  readonly kind: 'task' | 'run';
  readonly path: string;
  readonly styles: Readonly<Partial<Record<DateWriting, number>>>;
}
/** An invariant of src/domain the documents break. */
export interface InvariantEntry {
  readonly kind: 'task' | 'run';
  readonly invariant: string;
  readonly count: number;
  readonly pointers: readonly string[];
}

/** How real traffic differs from the contract. */
export interface DriftAnalysis {
  readonly documents: { readonly tasks: number; readonly runs: number };
  readonly unknownFields: readonly UnknownFieldEntry[];
  readonly missingRequired: readonly MissingFieldEntry[];
  readonly enumValues: readonly EnumEntry[];
  readonly typeDifferences: readonly TypeEntry[];
  readonly otherViolations: readonly OtherEntry[];
  readonly dateStyles: readonly DateStyleEntry[];
  readonly invariants: readonly InvariantEntry[];
}

type DriftCategory = 'unknown-field' | 'missing-required' | 'enum' | 'type' | 'other';

/** One violation in one document: what a proposed contract change has to make valid. */
export interface Occurrence {
  readonly category: DriftCategory;
  readonly kind: 'task' | 'run';
  readonly document: unknown;
  readonly violation: Violation;
}

/** The analysis, and every occurrence behind it. */
export interface DriftResult {
  readonly analysis: DriftAnalysis;
  readonly occurrences: readonly Occurrence[];
}

const MAX_SAMPLES = 3;

/** A pointer with array indexes as `*`: the same field of every item is one path. */
export function generalPath(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

function taskTypeOf(sample: DriftSample): string {
  const task = sample.kind === 'task' ? sample.value : (sample.value as { task?: unknown } | null)?.task;
  const type = (task as { taskType?: unknown } | null)?.taskType;
  return typeof type === 'string' ? type : '(none)';
}

function categoryOf(violation: Violation): DriftCategory {
  if (violation.keyword === 'required') return 'missing-required';
  if (violation.keyword === 'enum' || violation.keyword === 'const') return 'enum';
  if (violation.keyword === 'type') return 'type';
  return 'other';
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A sample value as a report shows it: secrets masked by position, long text cut. */
function shown(path: string, value: unknown): unknown {
  if (isSecretPath(path)) return maskAtPath(path, value);
  if (typeof value === 'string' && value.length > 80) return `${value.slice(0, 79)}…`;
  if (value !== null && typeof value === 'object') {
    const text = stringifyBounded(value) ?? '';
    return text.length > 80 ? `${text.slice(0, 79)}…` : value;
  }
  return value;
}

/** Property names whose schema is the contract's `DateValue` (created, updated, lastStart...). */
export function dateFieldNames(contract: ContractModel): Set<string> {
  const dateValue = contract.schemas.get('DateValue');
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    for (const [name, schema] of Object.entries(properties ?? {})) if (schema === dateValue) names.add(name);
    for (const inner of Object.values(node)) walk(inner);
  };
  walk([...contract.schemas.values()]);
  return names;
}

class Tally<T extends { count: number; taskTypes: Set<string> }> {
  readonly entries = new Map<string, T>();
  /** Counts a document once per key. */
  private readonly counted = new Set<string>();

  add(key: string, document: number, taskType: string, make: () => T): T {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = make();
      this.entries.set(key, entry);
    }
    if (!this.counted.has(`${key}\u0000${document}`)) {
      this.counted.add(`${key}\u0000${document}`);
      entry.count += 1;
    }
    entry.taskTypes.add(taskType);
    return entry;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Work<T> = Omit<Mutable<T>, 'taskTypes' | 'samples'> & { taskTypes: Set<string>; samples: Map<string, unknown> };

function addSample(entry: { samples: Map<string, unknown> }, path: string, value: unknown): void {
  if (entry.samples.size < MAX_SAMPLES) entry.samples.set(stringifyBounded(value) ?? 'undefined', shown(path, value));
}

function finish<T extends { count: number; path?: string; taskTypes: Set<string>; samples?: Map<string, unknown> }>(
  tally: Tally<T>,
): (Omit<T, 'taskTypes' | 'samples'> & { taskTypes: string[]; samples?: unknown[] })[] {
  return [...tally.entries.values()]
    .map(({ taskTypes, samples, ...rest }) => ({
      ...rest,
      taskTypes: [...taskTypes].sort(),
      ...(samples ? { samples: [...samples.values()] } : {}),
    }))
    .sort((a, b) => b.count - a.count || String(a.path).localeCompare(String(b.path)));
}

/**
 * Compares real documents (tasks and runs) with the contract: the fields it does not know (with their
 * path, count, task types and sample values), required fields that are missing, values its enums do
 * not allow, other JSON types, other broken rules, how each date field is written, and the invariants
 * broken. A run's embedded task is the task's business: violations under a run's `/task` are left to
 * the task's own document.
 *
 * @example analyzeDrift(contract, validator, samples).analysis.unknownFields[0] // { kind: 'task', path: '/lastModifiedBy', count: 3, ... }
 */
export function analyzeDrift(
  contract: ContractModel,
  validator: ContractValidator,
  samples: readonly DriftSample[],
): DriftResult {
  const occurrences: Occurrence[] = [];
  const unknown = new Tally<Work<UnknownFieldEntry>>();
  const missing = new Tally<Work<MissingFieldEntry & { samples?: never }>>();
  const enums = new Tally<Work<EnumEntry & { samples?: never }>>();
  const types = new Tally<Work<TypeEntry> & { seenTypes: Set<string> }>();
  const others = new Tally<Work<OtherEntry>>();
  const invariants = new Tally<{
    kind: 'task' | 'run';
    invariant: string;
    count: number;
    taskTypes: Set<string>;
    pointers: Set<string>;
  }>();
  const dates = new Map<string, { kind: 'task' | 'run'; path: string; styles: Partial<Record<DateWriting, number>> }>();
  const dateNames = dateFieldNames(contract);
  const tasksById = new Map<string, unknown>();
  for (const sample of samples)
    if (sample.kind === 'task') tasksById.set(String((sample.value as { taskId?: unknown })?.taskId), sample.value);

  samples.forEach((sample, index) => {
    const type = taskTypeOf(sample);
    const { kind, value } = sample;
    const task =
      kind === 'run' ? tasksById.get(String((value as { task?: { taskId?: unknown } })?.task?.taskId)) : undefined;
    const verdict = checkDocument(validator, kind, value, { task, splitUnknownFields: true });
    const split = { unknownFields: verdict.unknownFields, violations: verdict.schema };
    const own = (violation: Violation) => kind === 'task' || !violation.pointer.startsWith('/task/');
    for (const violation of split.unknownFields.filter(own)) {
      occurrences.push({ category: 'unknown-field', kind, document: value, violation });
      const path = generalPath(violation.pointer);
      const entry = unknown.add(`${kind}${path}`, index, type, () => ({
        kind,
        path,
        count: 0,
        taskTypes: new Set(),
        samples: new Map(),
      }));
      addSample(entry, path, violation.actual);
    }
    for (const violation of split.violations.filter(own)) {
      const category = categoryOf(violation);
      occurrences.push({ category, kind, document: value, violation });
      const path = generalPath(violation.pointer);
      if (category === 'missing-required') {
        missing.add(`${kind}${path}`, index, type, () => ({ kind, path, count: 0, taskTypes: new Set() }) as never);
      } else if (category === 'enum') {
        const key = `${kind}${path}\u0000${stringifyBounded(violation.actual)}`;
        enums.add(
          key,
          index,
          type,
          () =>
            ({
              kind,
              path,
              value: shown(path, violation.actual),
              allowed: violation.expected,
              count: 0,
              taskTypes: new Set(),
            }) as never,
        );
      } else if (category === 'type') {
        const entry = types.add(`${kind}${path}`, index, type, () => ({
          kind,
          path,
          expected: violation.expected,
          seen: [],
          seenTypes: new Set(),
          count: 0,
          taskTypes: new Set(),
          samples: new Map(),
        }));
        entry.seenTypes.add(jsonType(violation.actual));
        addSample(entry, path, violation.actual);
      } else {
        const entry = others.add(`${kind}${path}\u0000${violation.keyword}`, index, type, () => ({
          kind,
          path,
          rule: violation.keyword,
          message: violation.message,
          count: 0,
          taskTypes: new Set(),
          samples: new Map(),
        }));
        addSample(entry, path, violation.actual);
      }
    }
    // a run's embedded task is reported with the tasks, not once more per run
    const broken =
      kind === 'task' ? verdict.invariants : verdict.invariants.filter((v) => !v.pointer.startsWith('/task/'));
    for (const violation of broken) {
      const entry = invariants.add(`${kind}\u0000${violation.invariant}`, index, type, () => ({
        kind,
        invariant: violation.invariant,
        count: 0,
        taskTypes: new Set(),
        pointers: new Set(),
      }));
      if (entry.pointers.size < MAX_SAMPLES) entry.pointers.add(`${sample.source}#${violation.pointer}`);
    }
    if (value !== null && typeof value === 'object') {
      for (const [name, date] of Object.entries(value)) {
        if (!dateNames.has(name)) continue;
        const key = `${kind}/${name}`;
        const entry = dates.get(key) ?? { kind, path: `/${name}`, styles: {} };
        const style = describeDateWriting(date);
        entry.styles[style] = (entry.styles[style] ?? 0) + 1;
        dates.set(key, entry);
      }
    }
  });

  return {
    analysis: {
      documents: {
        tasks: samples.filter((s) => s.kind === 'task').length,
        runs: samples.filter((s) => s.kind === 'run').length,
      },
      unknownFields: finish(unknown) as UnknownFieldEntry[],
      missingRequired: finish(missing) as MissingFieldEntry[],
      enumValues: finish(enums) as EnumEntry[],
      typeDifferences: finish(types).map(({ seenTypes, ...rest }) => ({
        ...rest,
        seen: [...seenTypes].sort(),
      })) as TypeEntry[],
      otherViolations: finish(others) as OtherEntry[],
      dateStyles: [...dates.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.path.localeCompare(b.path)),
      invariants: [...invariants.entries.values()]
        .map(({ taskTypes: _types, pointers, ...rest }) => ({ ...rest, pointers: [...pointers] }))
        .sort((a, b) => b.count - a.count),
    },
    occurrences,
  };
}

/** True when the documents differ from the contract in any way drift reports as a difference. */
export function hasDrift(analysis: DriftAnalysis): boolean {
  return (
    analysis.unknownFields.length +
      analysis.missingRequired.length +
      analysis.enumValues.length +
      analysis.typeDifferences.length +
      analysis.otherViolations.length +
      analysis.invariants.length >
    0
  );
}
