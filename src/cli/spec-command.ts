import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { loadContract } from '../contract/load.js';
import { specForRelease } from '../contract/release-spec.js';
import { namedRelease } from '../domain/releases.js';
import { INPUT_LIMITS, InputError, parseYamlText, readTextFile } from '../input/index.js';
import { ContractValidator } from '../validation/contract-validator.js';
import { RELEASE_CHOICES, releaseOption } from './release-option.js';
import { registerSpecDiffCommand, registerSpecRulesCommand } from './spec-diff-command.js';
import { registerSpecGateCommand } from './spec-gate-command.js';
import { refRootsOf, withSpecOption } from './spec-options.js';
import { EXIT, UsageError } from './usage-error.js';

interface SpecCommandOptions {
  spec: string;
  json?: boolean;
  release?: string;
  out?: string;
}

/** `spec --release V --out FILE`: the contract as of a release, as YAML. */
async function writeReleaseSpec(options: SpecCommandOptions): Promise<void> {
  if (!options.release || !options.out)
    throw new UsageError('--release and --out go together: spec --release V --out FILE');
  const profile = namedRelease(options.release);
  if (typeof profile === 'string') throw new UsageError(profile);
  // read within the spec's limits, as every command reads a spec
  let raw: Record<string, unknown>;
  try {
    const text = await readTextFile(options.spec, { what: 'spec', maxBytes: INPUT_LIMITS.specBytes.value });
    raw = (await parseYamlText(text, { label: options.spec })) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(error.message);
    throw error;
  }
  writeFileSync(options.out, stringify(specForRelease(raw, profile), { lineWidth: 0 }));
  process.stdout.write(`wrote ${options.out}: the contract as of release ${profile.version}\n`);
}

/**
 * `tasks-contract spec`: loads a contract, lists its operations and checks every example against its
 * schema; `spec diff`, `spec gate` and `spec rules` compare two versions of it.
 */
export function registerSpecCommand(program: Command): void {
  const spec = withSpecOption(
    program
      .command('spec')
      .description(
        'load the contract, list its operations and validate every example in it; diff and gate two versions',
      )
      .option('--json', 'print the result as JSON')
      .option(
        '--release <version>',
        `with --out: write the contract as of this release (${RELEASE_CHOICES}); with gate: judge as of it`,
        releaseOption,
      )
      .option('--out <file>', 'with --release: where to write it (YAML)'),
  );
  registerSpecDiffCommand(spec);
  registerSpecGateCommand(spec);
  registerSpecRulesCommand(spec);
  spec.action(async (options: SpecCommandOptions) => {
    if (options.release || options.out) return writeReleaseSpec(options);
    const contract = await loadContract(options.spec, refRootsOf(options));
    const validator = ContractValidator.for(contract);
    const failures: { example: string; message: string }[] = [];
    let examples = 0;
    for (const operation of contract.operations) {
      for (const response of operation.responses.values()) {
        for (const media of response.content.values()) {
          for (const [name, value] of media.examples) {
            examples += 1;
            const result = validator.validateResponse(operation, response.status, media.mediaType, value);
            for (const violation of result.violations) {
              failures.push({
                example: `${operation.operationId} ${response.status} ${name}`,
                message: violation.message,
              });
            }
          }
        }
      }
    }
    if (options.json) {
      const operations = contract.operations.map((o) => ({
        operationId: o.operationId,
        method: o.method.toUpperCase(),
        path: o.pathTemplate,
      }));
      process.stdout.write(
        `${JSON.stringify({ spec: contract.sourcePath, operations, examples, failures }, null, 2)}\n`,
      );
    } else {
      for (const o of contract.operations)
        process.stdout.write(`${o.method.toUpperCase().padEnd(5)} ${o.pathTemplate}  (${o.operationId})\n`);
      for (const f of failures) process.stdout.write(`FAIL ${f.example}: ${f.message}\n`);
      process.stdout.write(
        `${contract.operations.length} operations, ${examples} examples, ${failures.length} failing\n`,
      );
    }
    process.exitCode = failures.length > 0 ? EXIT.findings : EXIT.ok;
  });
}
