import type { Command } from 'commander';
import { defaultSpecPath } from '../contract/package-root.js';

/** Adds the shared `--spec <file>` option (default: the bundled spec/openapi.yaml). */
export function withSpecOption(command: Command): Command {
  return command.option('--spec <file>', 'OpenAPI 3.1 file of the contract', defaultSpecPath());
}
