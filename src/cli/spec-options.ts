import { type Command, Option } from 'commander';
import type { SpecReadOptions } from '../contract/load.js';
import { defaultSpecPath } from '../contract/package-root.js';

/** Adds the shared `--spec <file>` option (default: the bundled spec/openapi.yaml) and `--allow-ref-root`. */
export function withSpecOption(command: Command): Command {
  // the help names the default by what it is, not by this machine's path to it
  const spec = new Option('--spec <file>', 'OpenAPI 3.1 file of the contract').default(
    defaultSpecPath(),
    "the package's spec/openapi.yaml",
  );
  return withRefRootOption(command.addOption(spec));
}

/** Adds `--allow-ref-root <dir>` (repeatable): a folder besides the spec's own whose files its `$ref`s may read. */
function withRefRootOption(command: Command): Command {
  return command.option(
    '--allow-ref-root <dir>',
    "a folder besides the spec's own whose files a $ref may read (repeatable; nothing else is read)",
    (dir: string, dirs: string[]) => [...dirs, dir],
    [] as string[],
  );
}

/** The spec-reading options of a command that has `withRefRootOption` (commander puts it in `allowRefRoot`). */
export function refRootsOf(options: object): SpecReadOptions {
  return { allowedRefRoots: (options as { allowRefRoot?: readonly string[] }).allowRefRoot ?? [] };
}
