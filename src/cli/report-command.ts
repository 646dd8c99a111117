import type { Command } from 'commander';
import { formatBytes, INPUT_LIMITS, InputError, readTextFile } from '../input/index.js';
import { consoleReport } from '../report/console.js';
import { JsonReportError, parseVerifyJsonReport } from '../report/read-json-report.js';
import { type ReportTarget, renderVerifyReport } from '../report/targets.js';
import { mergeShardOutcomes, ShardMergeError, type ShardPart } from '../verify/merge-shards.js';
import { emitReports } from './emit-reports.js';
import { exitCodeOf } from './exit-code.js';
import { reportOption } from './parse-options.js';
import { ProgressLine } from './progress.js';
import { UsageError } from './usage-error.js';

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
      process.stdout.write(consoleReport(merged));
      process.exitCode = await emitReports(
        options.report,
        (target) => renderVerifyReport(merged, target.format),
        exitCodeOf(merged),
      );
    });
}

/** `tasks-contract report merge`: reports of sharded runs joined into one. */
export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('work with the reports verify wrote');
  registerMerge(report);
}
