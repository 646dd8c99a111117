import type { Command } from 'commander';
import { Redactor } from '../redaction/index.js';
import { diffConsoleReport } from '../report/spec-change-console.js';
import { specRulesMarkdown } from '../report/spec-rules-markdown.js';
import type { ReportTarget } from '../report/targets.js';
import type { FailOn } from '../spec-change/diff/change.js';
import { diffContracts } from '../spec-change/diff/diff.js';
import { diffOutcome } from '../spec-change/diff/outcome.js';
import { RULES } from '../spec-change/diff/rules/index.js';
import { choiceOption } from './parse-options.js';
import { emitEvolution, evolutionCommand, loadSpecPair, readDiffConfig } from './spec-change-io.js';

interface DiffOptions {
  failOn: FailOn;
  config?: string;
  report: ReportTarget[];
}

/** `tasks-contract spec diff OLD NEW`: every change classified, exit 1 at the `--fail-on` level. */
export function registerSpecDiffCommand(spec: Command): void {
  evolutionCommand(
    spec,
    'diff',
    'classify every change between two versions of the contract: breaking for clients, for servers, or compatible',
  )
    .option(
      '--fail-on <level>',
      'exit 1 on changes of this severity: breaking (errors) or warning',
      choiceOption('--fail-on', ['breaking', 'warning'] as const),
      'breaking',
    )
    .action(async (oldSpec: string, newSpec: string, options: DiffOptions, command: Command) => {
      const config = await readDiffConfig(options.config);
      const specs = await loadSpecPair(oldSpec, newSpec, command);
      const changes = diffContracts(specs.old.contract, specs.new.contract, { severity: config.severity });
      const info = (s: typeof specs.old) => ({ label: s.label, version: s.contract.info.version });
      const outcome = diffOutcome(
        { old: info(specs.old), new: info(specs.new) },
        changes,
        options.failOn,
        config.source,
      );
      process.exitCode = await emitEvolution(outcome, diffConsoleReport(outcome), options.report, new Redactor());
    });
}

/** `tasks-contract spec rules`: the rules of `spec diff` as a markdown page (whom each protects, default severity), as `docs/spec-rules.md` holds it. */
export function registerSpecRulesCommand(spec: Command): void {
  spec
    .command('rules')
    .description('list the rules of spec diff: family, whom each change breaks, default severity, oasdiff id')
    .action(() => {
      process.stdout.write(specRulesMarkdown(RULES));
    });
}
