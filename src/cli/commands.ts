import type { Command } from 'commander';
import { registerFixturesCommand } from './fixtures-command.js';
import { registerMockCommand } from './mock-command.js';
import { registerSpecCommand } from './spec-command.js';
import { registerValidateCommand } from './validate-command.js';
import { registerVerifyCommand } from './verify-command.js';

/** Every command of the CLI, one registration function each (one file per command). */
export const commands: ReadonlyArray<(program: Command) => void> = [
  registerSpecCommand,
  registerFixturesCommand,
  registerMockCommand,
  registerValidateCommand,
  registerVerifyCommand,
];
