import type { Command } from 'commander';
import { loadContract } from '../contract/load.js';
import { ContractValidator } from '../validation/contract-validator.js';
import { registerSpecDiffCommand, registerSpecRulesCommand } from './spec-diff-command.js';
import { registerSpecGateCommand } from './spec-gate-command.js';
import { refRootsOf, withSpecOption } from './spec-options.js';
import { EXIT } from './usage-error.js';

interface SpecCommandOptions {
  spec: string;
  json?: boolean;
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
      .option('--json', 'print the result as JSON'),
  );
  registerSpecDiffCommand(spec);
  registerSpecGateCommand(spec);
  registerSpecRulesCommand(spec);
  spec.action(async (options: SpecCommandOptions) => {
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
