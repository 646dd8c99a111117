import type { Pact } from '../../pact/model.js';
import { type FailOn, failsAt, type SeverityOverride } from '../diff/change.js';
import { diffContracts } from '../diff/diff.js';
import { countChanges } from '../diff/outcome.js';
import type { LoadedSpec } from '../diff/spec-source.js';
import type { ArtifactSource, DocumentArtifact } from './artifact.js';
import { countRows, FAILING, type GateOutcome, type GateRow, rowStatus } from './outcome.js';
import { ReleaseJudges } from './release-judges.js';
import { exampleArtifacts } from './sources/examples.js';

/** What the gate re-checks, and how it decides. */
export interface GateOptions {
  readonly old: LoadedSpec;
  readonly new: LoadedSpec;
  /** Consumer pacts, checked through check-spec. */
  readonly pacts?: readonly Pact[];
  /** Fixtures, scenarios, recordings, and any source of your own. */
  readonly sources?: readonly ArtifactSource[];
  /**
   * Judge as of this release (`11.3`): OLD and NEW cut to what it has (`specForRelease`). An artifact
   * that names its own release (a scenario's `release`, a set's `siteVersion`) is judged as of that
   * one instead. Absent: the whole contract, except for the artifacts that name theirs.
   */
  readonly release?: string;
  /** Check the specs' own examples (default true). */
  readonly examples?: boolean;
  /** Notes from loading the pacts ("no pacts folder..."). */
  readonly notes?: readonly string[];
  readonly severity?: Readonly<Record<string, SeverityOverride>>;
  /** Also fail on changes at this level (by default only artifacts decide). */
  readonly failOn?: FailOn;
  readonly config?: string;
  /** Receives each secret the sources met (tokens, passwords in recordings): give it to the reports' Redactor. */
  readonly onSecret?: (secret: string) => void;
}

function row(
  artifact: { kind: GateRow['kind']; name: string; file?: string },
  release: string | undefined,
  old: GateRow['old'],
  current: GateRow['new'],
): GateRow {
  const status = rowStatus(old, current);
  const reason = !current.compatible ? current.reasons[0] : old && !old.compatible ? old.reasons[0] : undefined;
  return {
    kind: artifact.kind,
    name: artifact.name,
    ...(artifact.file ? { file: artifact.file } : {}),
    ...(release ? { release } : {}),
    old,
    new: current,
    status,
    fails: FAILING.has(status),
    reason,
  };
}

/**
 * Re-checks what the project and its users hold against NEW, beside OLD: every pact (check-spec),
 * every artifact of the sources, and the specs' own examples; and diffs the two versions. The gate
 * fails when something that held under OLD does not under NEW (or NEW contradicts its own example;
 * or, with `failOn`, a change reaches that level).
 *
 * @example
 * const outcome = await runGate({ old: await loadSpecAt('git:main:spec/openapi.yaml'), new: await loadSpecAt('spec/openapi.yaml'),
 *   pacts, sources: [fixtureSource('mocks/fixtures'), scenarioSource('mocks/scenarios')] });
 * outcome.rows.filter((r) => r.status === 'regressed');
 */
export async function runGate(options: GateOptions): Promise<GateOutcome> {
  const started = performance.now();
  const rows: GateRow[] = [];
  const notes = [...(options.notes ?? [])];
  const judges = new ReleaseJudges(options.old.contract, options.new.contract, notes);
  const base = await judges.at(options.release);

  for (const pact of options.pacts ?? []) {
    const artifact = { kind: 'pact' as const, name: `${pact.consumer} -> ${pact.provider}`, file: pact.file };
    rows.push(row(artifact, base.release, base.old.pact(pact), base.new.pact(pact)));
  }
  const loaded = await Promise.all((options.sources ?? []).map((source) => source.load()));
  const artifacts: DocumentArtifact[] = loaded.flatMap((result) => [...result.artifacts]);
  for (const result of loaded) {
    notes.push(...result.notes);
    for (const secret of result.secrets ?? []) options.onSecret?.(secret);
  }
  // the examples of OLD and NEW as of the gate's release: an example of a type the release lacks is not its
  if (options.examples !== false) artifacts.push(...exampleArtifacts(base.oldContract, base.newContract));
  const judged = await Promise.all(
    artifacts.map(async (artifact) => ({ artifact, at: await judges.at(artifact.release ?? options.release) })),
  );
  // a recorded exchange that reaches no operation of either whole version (a favicon, a static page) is not the
  // contract's; one that reaches an operation its release lacks (createTask at 10.9) is judged, and fails
  const whole = await judges.at(undefined);
  const unrelated = ({ artifact }: (typeof judged)[number]) =>
    artifact.documents.length > 0 &&
    artifact.documents.every((d) => !whole.old.reaches(d.schema) && !whole.new.reaches(d.schema));
  const skipped = judged.filter(unrelated);
  if (skipped.length > 0)
    notes.push(
      `${skipped.length} recorded exchange(s) reach no operation of either version: not checked (first: ${skipped[0]!.artifact.name})`,
    );
  for (const entry of judged) {
    if (skipped.includes(entry)) continue;
    const { artifact, at } = entry;
    const old = artifact.newOnly ? undefined : at.old.documents(artifact);
    rows.push(row(artifact, at.release, old, at.new.documents(artifact)));
  }

  const changes = diffContracts(base.oldContract, base.newContract, { severity: options.severity ?? {} });
  const failing = rows.filter((r) => r.fails).length;
  const kinds = Object.fromEntries(
    [...new Set(rows.map((r) => r.kind))].map((kind) => [kind, countRows(rows.filter((r) => r.kind === kind))]),
  );
  const failed =
    failing > 0 || (options.failOn !== undefined && changes.some((change) => failsAt(change, options.failOn!)));
  const info = (spec: LoadedSpec) => ({ label: spec.label, version: spec.contract.info.version });
  return {
    kind: 'gate',
    old: info(options.old),
    new: info(options.new),
    changes,
    rows,
    counts: { changes: countChanges(changes), rows: countRows(rows), kinds, failing },
    notes,
    ...(base.release ? { release: base.release } : {}),
    failOn: options.failOn,
    config: options.config,
    failed,
    millis: Math.round(performance.now() - started),
  };
}
