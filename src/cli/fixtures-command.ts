import type { Command } from 'commander';
import type { DateStyle } from '../domain/index.js';
import { namedRelease, type ReleaseProfile } from '../domain/releases.js';
import {
  FixtureDirectoryError,
  type FixtureSet,
  generateFixtureSet,
  writeFixtureDirectory,
} from '../fixtures/index.js';
import { TASK_TYPES, type TaskType } from '../shapes/contract-types.js';
import { integerOption } from './parse-options.js';
import { RELEASE_CHOICES, releaseOption } from './release-option.js';
import { UsageError } from './usage-error.js';

interface FixturesOptions {
  type: string;
  count: number;
  seed: string;
  dateStyle?: string;
  refDate?: string;
  runs: number;
  out?: string;
  release?: string;
}

const DATE_STYLES = ['epoch', 'formatted', 'mixed'];

/** `--seed 42` is the number 42 (0..4294967295); any other text is hashed (see seedNumber). */
function parseSeed(raw: string): number | string {
  if (/^\d+$/.test(raw)) {
    const seed = Number(raw);
    if (seed > 0xffff_ffff)
      throw new UsageError(`--seed must be a whole number from 0 to 4294967295 or text, got ${raw}`);
    return seed;
  }
  if (raw.length === 0) throw new UsageError('--seed must not be empty');
  return raw;
}

function parseTypes(raw: string): TaskType[] {
  if (raw === 'all') return [...TASK_TYPES];
  if ((TASK_TYPES as readonly string[]).includes(raw)) return [raw as TaskType];
  throw new UsageError(`--type must be one of ${TASK_TYPES.join(', ')} or all, got "${raw}"`);
}

/** With `--release V`: only the types that exist at V; a type named with `--type` that does not is a usage error. */
function typesAt(types: TaskType[], release: ReleaseProfile | undefined, named: boolean): TaskType[] {
  if (!release) return types;
  const kept = types.filter((type) => release.taskTypes.includes(type));
  if (kept.length === 0 || (named && kept.length < types.length))
    throw new UsageError(
      `--type ${types.join(', ')}: no such tasks at release ${release.version} (it has ${release.taskTypes.join(', ')})`,
    );
  return kept;
}

/** Writes a set as a fixture directory (see FIXTURE_FILES); a directory that cannot be written is a usage error. */
async function writeSet(dir: string, set: FixtureSet): Promise<void> {
  try {
    await writeFixtureDirectory(dir, set);
  } catch (error) {
    if (error instanceof FixtureDirectoryError) throw new UsageError(error.message);
    throw error;
  }
}

/** `tasks-contract fixtures`: seeded, realistic tasks (and runs) as JSON on stdout or as files. */
export function registerFixturesCommand(program: Command): void {
  program
    .command('fixtures')
    .description('generate realistic, seeded tasks and runs (the same seed gives the same bytes)')
    .option('--type <taskType>', `${TASK_TYPES.join(' | ')} | all`, 'all')
    .option(
      '--count <n>',
      'how many tasks (round robin over the types with --type all)',
      integerOption('--count', 1, 100_000),
      1,
    )
    .option('--seed <seed>', 'a whole number or any text', '1')
    .option('--date-style <style>', 'epoch | formatted | mixed (default: epoch)')
    .option('--ref-date <iso>', 'generated dates lie before it (default 2025-06-01T00:00:00Z)')
    .option('--runs <n>', 'runs per task, at most', integerOption('--runs', 0, 1_000), 0)
    .option('--out <dir>', 'write tasks.json, tasks/<id>.json, runs/<id>.json and meta.json to DIR instead of stdout')
    .option(
      '--release <version>',
      `only the task types of this release (${RELEASE_CHOICES}), which meta.siteVersion records`,
      releaseOption,
    )
    .action(async (options: FixturesOptions) => {
      const release = options.release === undefined ? undefined : (namedRelease(options.release) as ReleaseProfile);
      const types = typesAt(parseTypes(options.type), release, options.type !== 'all');
      if (options.dateStyle !== undefined && !DATE_STYLES.includes(options.dateStyle)) {
        throw new UsageError(`--date-style must be one of ${DATE_STYLES.join(', ')}, got "${options.dateStyle}"`);
      }
      let set: FixtureSet;
      try {
        set = generateFixtureSet({
          seed: parseSeed(options.seed),
          ...(options.refDate === undefined ? {} : { refDate: options.refDate }),
          totalTasks: options.count,
          types,
          runsPerTask: options.runs,
          dateStyle: (options.dateStyle ?? 'epoch') as DateStyle,
        });
      } catch (error) {
        if (error instanceof RangeError) throw new UsageError(error.message.replace(/^refDate/, '--ref-date'));
        throw error;
      }
      // the mock serves a set as the release it names, and the gate and the fixture checks judge it so
      if (release) set.meta.siteVersion = release.version;
      if (options.out === undefined) process.stdout.write(`${JSON.stringify(set, null, 2)}\n`);
      else await writeSet(options.out, set);
    });
}
