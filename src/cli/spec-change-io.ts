import type { Command } from 'commander';
import type { Redactor } from '../redaction/index.js';
import { type EvolutionOutcome, renderEvolutionReport } from '../report/spec-change-reports.js';
import type { ReportTarget } from '../report/targets.js';
import { ConfigError, type DiffConfig, loadDiffConfig } from '../spec-change/diff/config.js';
import { type LoadedSpec, loadSpecAt } from '../spec-change/diff/spec-source.js';
import { emitReports } from './emit-reports.js';
import { reportOptionFor } from './parse-options.js';
import { refRootsOf } from './spec-options.js';
import { EXIT, UsageError } from './usage-error.js';

/**
 * A subcommand of `spec` that compares two versions: its OLD and NEW arguments, and the options
 * `diff` and `gate` share (`--config`, `--report` with markdown).
 */
export function evolutionCommand(spec: Command, name: string, description: string): Command {
  const version = 'a spec file, or git:REF:PATH (e.g. git:origin/main:spec/openapi.yaml)';
  return spec
    .command(name)
    .description(description)
    .argument('<old>', version)
    .argument('<new>', version)
    .option(
      '--config <file>',
      'severity overrides (default: .tasks-contract.yaml, or "tasks-contract" in package.json)',
    )
    .option(
      '--report <format:file>',
      'also write junit:FILE, json:FILE or markdown:FILE (repeatable)',
      reportOptionFor(['junit', 'json', 'markdown']),
      [],
    );
}

/**
 * Loads OLD and NEW side by side (paths or `git:REF:path`), their `$ref`s confined to their folders and
 * the `--allow-ref-root`s of `spec` (the parent command holds the option); a bad one is a one-line SpecLoadError.
 */
export async function loadSpecPair(
  oldSpec: string,
  newSpec: string,
  command: Command,
): Promise<{ old: LoadedSpec; new: LoadedSpec }> {
  const read = refRootsOf(command.optsWithGlobals());
  const [before, after] = await Promise.all([
    loadSpecAt(oldSpec, process.cwd(), read),
    loadSpecAt(newSpec, process.cwd(), read),
  ]);
  return { old: before, new: after };
}

/** The diff settings (`--config`, `.tasks-contract.yaml` or package.json); a bad file is a usage error. */
export async function readDiffConfig(file: string | undefined): Promise<DiffConfig> {
  try {
    return await loadDiffConfig({ cwd: process.cwd(), ...(file !== undefined ? { file } : {}) });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** Prints the console report and writes each `--report`, every one through the redactor; gives the exit code. */
export function emitEvolution(
  outcome: EvolutionOutcome,
  consoleText: string,
  targets: readonly ReportTarget[],
  redactor: Redactor,
): Promise<number> {
  process.stdout.write(redactor.redactText(consoleText));
  return emitReports(
    targets,
    (target) => redactor.redactText(renderEvolutionReport(outcome, target.format)),
    outcome.failed ? EXIT.findings : EXIT.ok,
  );
}
