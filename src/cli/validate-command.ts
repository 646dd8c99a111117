import type { Command } from 'commander';
import { loadContract } from '../contract/load.js';
import { formatBytes, INPUT_LIMITS, InputError, parseJsonText, readTextFile } from '../input/index.js';
import { ContractValidator } from '../validation/contract-validator.js';
import { refRootsOf, withSpecOption } from './spec-options.js';
import { EXIT, UsageError } from './usage-error.js';

interface ValidateOptions {
  spec: string;
  schema: string;
}

async function readJson(file: string): Promise<unknown> {
  const limit = { what: 'document', maxBytes: INPUT_LIMITS.documentBytes.value };
  try {
    const text = file === '-' ? await readStdin(limit.maxBytes) : await readTextFile(file, limit);
    return parseJsonText(text, { label: file });
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(error.message);
    throw error;
  }
}

/** Standard input, refused past `maxBytes` (as a file would be). */
async function readStdin(maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      const reason = `it is larger than ${formatBytes(maxBytes)}, the limit for a document`;
      throw new InputError(`cannot read document -: ${reason}`, 'too-large', reason);
    }
    chunks.push(chunk as Buffer);
  }
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
    const contract = await loadContract(options.spec, refRootsOf(options));
    const names = [...contract.schemas.keys()];
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
