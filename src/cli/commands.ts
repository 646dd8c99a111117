import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every command of the CLI by name, one file each, loaded only when needed: a command's modules
 * (the mock, the verify engine, faker, Prism's launcher...) cost hundreds of milliseconds to import,
 * and `tasks-contract mock` should answer its first request quickly.
 */
const commandLoaders: Readonly<Record<string, () => Promise<Register>>> = {
  spec: async () => (await import('./spec-command.js')).registerSpecCommand,
  fixtures: async () => (await import('./fixtures-command.js')).registerFixturesCommand,
  mock: async () => (await import('./mock-command.js')).registerMockCommand,
  validate: async () => (await import('./validate-command.js')).registerValidateCommand,
  verify: async () => (await import('./verify-command.js')).registerVerifyCommand,
  pact: async () => (await import('./pact-command.js')).registerPactCommand,
  record: async () => (await import('./record-command.js')).registerRecordCommand,
  drift: async () => (await import('./drift-command.js')).registerDriftCommand,
  report: async () => (await import('./report-command.js')).registerReportCommand,
};

/** The registrations a command line needs: its command's alone, or all of them (help, unknown commands). */
export async function commandsFor(argv: readonly string[]): Promise<Register[]> {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const loader = name === undefined ? undefined : commandLoaders[name];
  const loaders = loader ? [loader] : Object.values(commandLoaders);
  return Promise.all(loaders.map((load) => load()));
}
