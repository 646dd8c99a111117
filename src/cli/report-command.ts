import type { Command } from 'commander';
import { formatBytes, INPUT_LIMITS, InputError, readTextFile } from '../input/index.js';
import { consoleReport } from '../report/console.js';
import { JsonReportError, parseVerifyJsonReport } from '../report/read-json-report.js';
import { type ReportTarget, writeReports } from '../report/targets.js';
import { mergeShardOutcomes, ShardMergeError, type ShardPart } from '../verify/merge-shards.js';
import type { VerifyOutcome } from '../verify/outcome.js';
import { exitCodeOf } from './exit-code.js';
import { reportOption } from './parse-options.js';
import { ProgressLine } from './progress.js';
import { EXIT, UsageError } from './usage-error.js';

async function readPart(file: string): Promise<ShardPart & { bytes: number }> {
  let content: string;
  try {
    content = await readTextFile(file, { what: 'report', maxBytes: INPUT_LIMITS.reportBytes.value });
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(`cannot read ${file}: ${error.reason}`);
    throw error;
  }
  try {
    return { source: file, outcome: parseVerifyJsonReport(content, file), bytes: Buffer.byteLength(content) };
  } catch (error) {
    if (error instanceof JsonReportError) throw new UsageError(error.message);
    throw error;
  }
}

/** Writes each report on its own: one that cannot be written (too large to render, say) does not stop the others. */
async function writeEach(merged: VerifyOutcome, targets: readonly ReportTarget[]): Promise<boolean> {
  let allWritten = true;
  for (const target of targets) {
    try {
      await writeReports(merged, [target]);
    } catch (error) {
      allWritten = false;
      const why = ((error as Error).message ?? String(error)).split('\n')[0];
      process.stderr.write(`tasks-contract: cannot write ${target.format}:${target.file}: ${why}\n`);
    }
  }
  return allWritten;
}

function registerMerge(report: Command): void {
  report
    .command('merge')
    .description('join the JSON reports of a sharded verify (--shard i/n, every i) into the report of the whole run')
    .argument('<reports...>', 'verify JSON reports (--report json:FILE), one per shard')
    .option('--report <format:file>', 'write junit:FILE, json:FILE or html:FILE (repeatable)', reportOption, [])
    .action(async (files: string[], options: { report: ReportTarget[] }) => {
      const progress = new ProgressLine('report merge', 'reports');
      const parts: ShardPart[] = [];
      let bytes = 0;
      for (const file of files) {
        const part = await readPart(file);
        bytes += part.bytes;
        if (bytes > INPUT_LIMITS.mergedReportBytes.value)
          throw new UsageError(
            `the reports to merge hold more than ${formatBytes(INPUT_LIMITS.mergedReportBytes.value)} together (at ${file}), the limit of report merge`,
          );
        parts.push(part);
        progress.update({ done: parts.length, total: files.length });
      }
      progress.finish();
      let merged: ReturnType<typeof mergeShardOutcomes>;
      try {
        merged = mergeShardOutcomes(parts);
      } catch (error) {
        if (error instanceof ShardMergeError) throw new UsageError(error.message);
        throw error;
      }
      const written = await writeEach(merged, options.report);
      process.stdout.write(consoleReport(merged));
      process.exitCode = written ? exitCodeOf(merged) : EXIT.usage;
    });
}

/** `tasks-contract report merge`: reports of sharded runs joined into one. */
export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('work with the reports verify wrote');
  registerMerge(report);
}
