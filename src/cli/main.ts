#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { SpecLoadError } from '../contract/errors.js';
import { commandsFor } from './commands.js';
import { EXIT, UsageError } from './usage-error.js';

/** Builds the `tasks-contract` program with the commands this command line needs (all for help). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('tasks-contract')
    .description('Contract tests, fixtures and an offline mock for the ArcGIS Enterprise admin system/tasks API.')
    .exitOverride()
    .configureOutput({
      // commander's own errors (unknown flag, missing value) become one line on stderr
      outputError: (text, write) =>
        write(`tasks-contract: ${text.split('\n')[0]!.replace(/^error: /, '')} (see --help)\n`),
    });
  for (const register of await commandsFor(argv)) {
    register(program);
  }
  // subcommands, at any depth (`pact check-spec`), inherit the one-line error output and the exit override
  const inherit = (parent: Command): void => {
    for (const command of parent.commands) {
      command.exitOverride().configureOutput(program.configureOutput());
      inherit(command);
    }
  };
  inherit(program);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 ok, 1 findings, 2 usage or config error, 3 unreachable.
 * Errors the user can fix are printed as one line, never as a stack trace.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = await buildProgram(argv);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof SpecLoadError) {
      process.stderr.write(`tasks-contract: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`tasks-contract: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
