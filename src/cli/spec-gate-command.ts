import { join } from 'node:path';
import type { Command } from 'commander';
import { Redactor } from '../redaction/index.js';
import { gateConsoleReport } from '../report/spec-change-console.js';
import type { ReportTarget } from '../report/targets.js';
import type { FailOn } from '../spec-change/diff/change.js';
import { ArtifactError, type ArtifactSource } from '../spec-change/gate/artifact.js';
import { runGate } from '../spec-change/gate/gate.js';
import { fixtureSource } from '../spec-change/gate/sources/fixtures.js';
import { loadPacts } from '../spec-change/gate/sources/pacts.js';
import { recordingSource } from '../spec-change/gate/sources/recordings.js';
import {
  inlineScenarioDocuments,
  type ScenarioMaterializer,
  scenarioSource,
} from '../spec-change/gate/sources/scenarios.js';
import { choiceOption } from './parse-options.js';
import { RELEASE_CHOICES } from './release-option.js';
import { emitEvolution, evolutionCommand, loadSpecPair, readDiffConfig } from './spec-change-io.js';
import { UsageError } from './usage-error.js';

interface GateOptions {
  pacts: string[];
  fixtures: string;
  scenarios: string;
  recordings: string[];
  examples: boolean;
  failOn?: FailOn;
  config?: string;
  report: ReportTarget[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A source whose loading starts now and is shared by every later `load()`. */
function preloaded(source: ArtifactSource): ArtifactSource {
  const pending = source.load();
  pending.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
  return { name: source.name, kind: source.kind, load: () => pending };
}

/** `tasks-contract spec gate OLD NEW`: re-checks pacts, fixtures, scenarios, recordings and examples against NEW. */
export function registerSpecGateCommand(spec: Command): void {
  evolutionCommand(
    spec,
    'gate',
    're-check every pact, fixture, scenario, recording and example against NEW beside OLD; exit 1 if NEW breaks one OLD accepted',
  )
    .option('--pacts <dir|file>', 'more pacts to check, besides contracts/pacts (repeatable)', collect, [])
    .option('--fixtures <dir>', 'fixture sets ({meta, tasks, runs}) to check', join('mocks', 'fixtures'))
    .option(
      '--scenarios <dir>',
      'mock scenarios to check (a missing folder is nothing to check)',
      join('mocks', 'scenarios'),
    )
    .option(
      '--recordings <dir>',
      'a recordings folder (fixtures --out layout and/or traffic.har) (repeatable)',
      collect,
      [],
    )
    .option('--no-examples', "skip the specs' own examples")
    .option(
      '--fail-on <level>',
      'also fail on changes of this severity: breaking or warning',
      choiceOption('--fail-on', ['breaking', 'warning'] as const),
    )
    .addHelpText(
      'after',
      `\n--release V (spec's option: ${RELEASE_CHOICES}) judges OLD and NEW as of release V;\nan artifact that names its own release (a scenario's release, a set's or recording's siteVersion) is judged as of it.`,
    )
    .action(async (oldSpec: string, newSpec: string, options: GateOptions, command: Command) => {
      // --release is spec's option (spec --release V --out FILE uses it too): commander gives it to the parent
      const release = (command.optsWithGlobals() as { release?: string }).release;
      const config = await readDiffConfig(options.config);
      const redactor = new Redactor();
      const outcome = await (async () => {
        // artifacts are read while the specs load: a bad artifact is reported at once, and the wait is shorter
        const sources = [
          fixtureSource(options.fixtures),
          scenarioSource(options.scenarios, wholeScenario),
          ...options.recordings.map((dir) => recordingSource(dir)),
        ].map(preloaded);
        const [specs, { pacts, notes }] = await Promise.all([
          loadSpecPair(oldSpec, newSpec, command),
          loadPacts({ defaultDir: join('contracts', 'pacts'), extra: options.pacts }),
          ...sources.map((source) => source.load()),
        ]);
        return runGate({
          ...specs,
          pacts,
          notes,
          sources,
          examples: options.examples,
          ...(release ? { release } : {}),
          severity: config.severity,
          ...(options.failOn ? { failOn: options.failOn } : {}),
          ...(config.source ? { config: config.source } : {}),
          onSecret: (secret) => redactor.add(secret),
        });
      })().catch((error: unknown) => {
        throw error instanceof ArtifactError ? new UsageError(error.message) : error;
      });
      process.exitCode = await emitEvolution(outcome, gateConsoleReport(outcome), options.report, redactor);
    });
}

/**
 * A scenario's whole state, as the mock would start it: its inline documents, the tasks it generates and
 * the runs its clock advance produces (`large-site`: 500 tasks and a week of runs). A scenario that the
 * bundled contract refuses is judged by its inline documents alone, so the gate still shows why.
 */
const wholeScenario: ScenarioMaterializer = async (file, parsed) => {
  const { scenarioState, ScenarioError } = await import('../mock/index.js');
  try {
    const { tasks, runs } = await scenarioState(file);
    return { tasks, runs };
  } catch (error) {
    if (error instanceof ScenarioError) return inlineScenarioDocuments(file, parsed);
    throw error;
  }
};
