import type { Pact } from '../../pact/model.js';
import { type FailOn, failsAt, type SeverityOverride } from '../diff/change.js';
import { diffContracts } from '../diff/diff.js';
import { countChanges } from '../diff/outcome.js';
import type { LoadedSpec } from '../diff/spec-source.js';
import type { ArtifactSource, DocumentArtifact } from './artifact.js';
import { SpecJudge } from './judge.js';
import { countRows, FAILING, type GateOutcome, type GateRow, rowStatus } from './outcome.js';
import { exampleArtifacts } from './sources/examples.js';

/** What the gate re-checks, and how it decides. */
export interface GateOptions {
  readonly old: LoadedSpec;
  readonly new: LoadedSpec;
  /** Consumer pacts, checked through check-spec. */
  readonly pacts?: readonly Pact[];
  /** Fixtures, scenarios, recordings, and any source of your own. */
  readonly sources?: readonly ArtifactSource[];
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
  old: GateRow['old'],
  current: GateRow['new'],
): GateRow {
  const status = rowStatus(old, current);
  const reason = !current.compatible ? current.reasons[0] : old && !old.compatible ? old.reasons[0] : undefined;
  return {
    kind: artifact.kind,
    name: artifact.name,
    ...(artifact.file ? { file: artifact.file } : {}),
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
  const oldJudge = new SpecJudge(options.old.contract);
  const newJudge = new SpecJudge(options.new.contract, options.old.contract);
  const rows: GateRow[] = [];
  const notes = [...(options.notes ?? [])];

  for (const pact of options.pacts ?? []) {
    const artifact = { kind: 'pact' as const, name: `${pact.consumer} -> ${pact.provider}`, file: pact.file };
    rows.push(row(artifact, oldJudge.pact(pact), newJudge.pact(pact)));
  }
  const loaded = await Promise.all((options.sources ?? []).map((source) => source.load()));
  const artifacts: DocumentArtifact[] = loaded.flatMap((result) => [...result.artifacts]);
  for (const result of loaded) {
    notes.push(...result.notes);
    for (const secret of result.secrets ?? []) options.onSecret?.(secret);
  }
  if (options.examples !== false) artifacts.push(...exampleArtifacts(options.old.contract, options.new.contract));
  // a recorded exchange that reaches no operation of either version (a favicon, a static page) is not the contract's
  const unrelated = (artifact: DocumentArtifact) =>
    artifact.documents.length > 0 &&
    artifact.documents.every((d) => !oldJudge.reaches(d.schema) && !newJudge.reaches(d.schema));
  const skipped = artifacts.filter(unrelated);
  if (skipped.length > 0)
    notes.push(
      `${skipped.length} recorded exchange(s) reach no operation of either version: not checked (first: ${skipped[0]!.name})`,
    );
  for (const artifact of artifacts) {
    if (skipped.includes(artifact)) continue;
    const old = artifact.newOnly ? undefined : oldJudge.documents(artifact);
    rows.push(row(artifact, old, newJudge.documents(artifact)));
  }

  const changes = diffContracts(options.old.contract, options.new.contract, { severity: options.severity ?? {} });
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
    failOn: options.failOn,
    config: options.config,
    failed,
    millis: Math.round(performance.now() - started),
  };
}
