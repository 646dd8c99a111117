import type { Command } from 'commander';
import { loadContract } from '../contract/load.js';
import { ContractValidator } from '../validation/contract-validator.js';
import { readInputFile } from './read-input.js';
import { withSpecOption } from './spec-options.js';
import { EXIT, UsageError } from './usage-error.js';

interface ValidateOptions {
  spec: string;
  schema: string;
}

async function readJson(file: string): Promise<unknown> {
  const text = file === '-' ? await readStdin() : await readInputFile(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `tasks-contract validate --schema Task file.json`: checks JSON documents against a schema of the contract. */
export function registerValidateCommand(program: Command): void {
  withSpecOption(
    program
      .command('validate')
      .description('validate JSON documents (files, or - for stdin) against a schema of the contract')
      .argument('<files...>', 'JSON files to validate')
      .option('--schema <name>', 'schema under components.schemas', 'Task'),
  ).action(async (files: string[], options: ValidateOptions) => {
    const contract = await loadContract(options.spec);
    const names = Object.keys(contract.document.components?.schemas ?? {});
    if (!names.includes(options.schema)) {
      throw new UsageError(`--schema ${options.schema} is not in the contract; use one of: ${names.join(', ')}`);
    }
    const validator = ContractValidator.for(contract).forComponent(options.schema);
    let failed = 0;
    for (const file of files) {
      const result = validator.validate(await readJson(file));
      if (result.valid) {
        process.stdout.write(`ok   ${file}\n`);
        continue;
      }
      failed += 1;
      process.stdout.write(`FAIL ${file}\n`);
      for (const violation of result.violations) process.stdout.write(`     ${violation.message}\n`);
    }
    process.exitCode = failed > 0 ? EXIT.findings : EXIT.ok;
  });
}
