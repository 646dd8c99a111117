import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { unreadableReason } from './read-input.js';
import { EXIT } from './usage-error.js';

/**
 * Writes each `--report FORMAT:FILE` of a command (creating folders as needed), the one way every
 * command does it: a report that cannot be rendered or written is one line on stderr and does not
 * stop the others. Returns the exit code to use: `exitCode`, or 2 (the output asked for is missing)
 * when a report failed and `exitCode` was 0 or 1.
 *
 * @example process.exitCode = await emitReports(targets, (t) => render(outcome, t.format), exitCodeOf(outcome));
 */
export async function emitReports<T extends { readonly format: string; readonly file: string }>(
  targets: readonly T[],
  render: (target: T) => string | Promise<string>,
  exitCode: number,
): Promise<number> {
  let failed = false;
  for (const target of targets) {
    try {
      const text = await render(target);
      await mkdir(dirname(target.file), { recursive: true });
      await writeFile(target.file, text);
    } catch (error) {
      failed = true;
      const why = (error as NodeJS.ErrnoException).code ? unreadableReason(error) : (error as Error).message;
      process.stderr.write(`tasks-contract: the ${target.format} report ${target.file} was not written: ${why}\n`);
    }
  }
  return failed && (exitCode === EXIT.ok || exitCode === EXIT.findings) ? EXIT.usage : exitCode;
}
