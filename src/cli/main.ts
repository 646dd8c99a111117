#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { SpecLoadError } from '../contract/errors.js';
import { packageRoot } from '../contract/package-root.js';
import { commandsFor } from './commands.js';
import { EXIT, UsageError } from './usage-error.js';

/** The version of the installed package, read from its package.json at run time. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** commander's error, and its "(Did you mean ...?)" line when it has one, as one line. */
function oneLine(text: string): string {
  const [first = '', ...rest] = text.trim().split('\n');
  const suggestion = rest.map((line) => /^\(Did you mean (.+)\?\)$/.exec(line.trim())?.[1]).find(Boolean);
  return `${first.replace(/^error: /, '')}${suggestion ? `; did you mean ${suggestion}?` : ''}`;
}

/** Builds the `tasks-contract` program with the commands this command line needs (all for help). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('tasks-contract')
    .description('Contract tests, fixtures and an offline mock for the ArcGIS Enterprise admin system/tasks API.')
    .version(packageVersion(), '-V, --version', 'print the version of the package')
    .option('--debug', 'print the stack of an internal error (exit 70); or set DEBUG=1')
    .exitOverride()
    .configureOutput({
      // commander's own errors (unknown command or flag, missing value) become one line on stderr,
      // with its suggestion for a typo (an edit distance over the known names)
      outputError: (text, write) => write(`tasks-contract: ${oneLine(text)} (see --help)\n`),
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

/** True when the user asked for the stack of an internal error. */
function debugging(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--debug') || env.DEBUG === '1' || env.DEBUG === 'true';
}

/** One line for a fault of the tool (exit 70); the stack too with --debug or DEBUG=1. */
export function internalErrorText(error: unknown, debug: boolean): string {
  const message = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  if (debug && error instanceof Error && error.stack) return `tasks-contract: internal error: ${error.stack}\n`;
  return `tasks-contract: internal error: ${message} (a fault of the tool; --debug or DEBUG=1 prints the stack, please report it)\n`;
}

/**
 * Runs the CLI and returns the exit code: 0 ok, 1 findings, 2 usage or config error, 3 unreachable,
 * 70 internal error. Errors the user can fix are printed as one line, never as a stack trace.
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
    process.stderr.write(internalErrorText(error, debugging(argv, process.env)));
    return EXIT.internal;
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
      process.stderr.write(internalErrorText(error, debugging(process.argv, process.env)));
      process.exitCode = EXIT.internal;
    },
  );
}
