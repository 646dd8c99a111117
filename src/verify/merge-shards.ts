import { CHECK_NAMES } from './checks/registry.js';
import type { MergedShard, RunMetadata, VerifyOutcome } from './outcome.js';
import { sortTallyRows, type TallyRow } from './tally.js';

/** Why shards cannot be joined (different specs, targets, checks; a shard missing or twice): one line. */
export class ShardMergeError extends Error {
  override readonly name = 'ShardMergeError';
}

/** One shard's outcome and where it came from (a file name, for messages). */
export interface ShardPart {
  readonly source: string;
  readonly outcome: VerifyOutcome;
}

const shardName = (meta: RunMetadata) => `${meta.shard.index}/${meta.shard.count}`;
/** The embedded mock listens on a new port in every run; its runs verify the same server. */
const targetOf = (meta: RunMetadata) => (meta.embeddedMock ? 'the embedded mock' : meta.baseUrl);

/** The sample plan as one comparable value (the sampled tasks are the same in every shard of one run). */
const planOf = (meta: RunMetadata) =>
  meta.sample === undefined || meta.sample.exhaustive
    ? 'exhaustive'
    : `seed ${meta.sample.seed}, ${meta.sample.size} per endpoint`;

/** Refuses parts that are not shards of one run, with the first reason found. */
function assertOneRun(parts: readonly ShardPart[]): void {
  const [first, ...others] = parts;
  if (!first) throw new ShardMergeError('no reports to merge');
  const a = first.outcome.meta;
  const same: [string, (meta: RunMetadata) => unknown][] = [
    ['specs', (meta) => meta.specDigest],
    ['targets', targetOf],
    ['check selections (--checks)', (meta) => meta.checks.join(',')],
    ['modes (--allow-writes)', (meta) => (meta.allowWrites ? 'with writes' : 'read-only')],
    ['shard counts', (meta) => meta.shard.count],
    ['sample plans (--exhaustive, --seed, --sample)', (meta) => planOf(meta)],
    ['rate caps (--max-rps)', (meta) => meta.maxRps ?? 'none'],
  ];
  for (const other of others) {
    const b = other.outcome.meta;
    for (const [what, key] of same) {
      if (key(a) !== key(b))
        throw new ShardMergeError(
          `${first.source} and ${other.source} are of different ${what} (${String(key(a))} vs ${String(key(b))}); only shards of one run can be merged`,
        );
    }
  }
  const seen = new Map<number, string>();
  for (const { source, outcome } of parts) {
    const twice = seen.get(outcome.meta.shard.index);
    if (twice) throw new ShardMergeError(`shard ${shardName(outcome.meta)} is there twice (${twice} and ${source})`);
    seen.set(outcome.meta.shard.index, source);
  }
  const total = a.shard.count;
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0)
    throw new ShardMergeError(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${total}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing; merge the reports of all ${total} shards`,
    );
}

function sumTallies(parts: readonly ShardPart[]): TallyRow[] {
  const rows = new Map<string, TallyRow>();
  for (const { outcome } of parts) {
    for (const row of outcome.tally) {
      const key = `${row.endpoint}\u0000${row.check}`;
      const sum = rows.get(key) ?? { endpoint: row.endpoint, check: row.check, passed: 0, failed: 0, warned: 0 };
      sum.passed += row.passed;
      sum.failed += row.failed;
      sum.warned += row.warned;
      rows.set(key, sum);
    }
  }
  return sortTallyRows([...rows.values()], CHECK_NAMES);
}

/**
 * Joins the outcomes of `verify --shard i/n` for every i into the outcome of the whole run: the
 * tally summed per endpoint x check (in the registry's order), findings and tool errors in shard
 * order, tasks, runs and requests added up, the time span from the first start to the last end.
 * The result judges like an unsharded run over the same server. Parts of different specs, targets,
 * check selections or modes, a shard twice or one missing, are refused (`ShardMergeError`).
 *
 * @example
 * const whole = mergeShardOutcomes([{ source: 'shard-1.json', outcome: one }, { source: 'shard-2.json', outcome: two }]);
 */
export function mergeShardOutcomes(parts: readonly ShardPart[]): VerifyOutcome {
  assertOneRun(parts);
  const ordered = [...parts].sort((x, y) => x.outcome.meta.shard.index - y.outcome.meta.shard.index);
  const metas = ordered.map((part) => part.outcome.meta);
  const first = metas[0]!;
  const sum = (field: 'requests' | 'answered' | 'tasks' | 'runs') => metas.reduce((n, meta) => n + meta[field], 0);
  const startedAt = metas.map((meta) => meta.startedAt).sort()[0]!;
  const finishedAt = metas
    .map((meta) => meta.finishedAt)
    .sort()
    .at(-1)!;
  const requests = sum('requests');
  const durationMs = Date.parse(finishedAt) - Date.parse(startedAt);
  const answered = sum('answered');
  const mergedFrom: MergedShard[] = ordered.map(({ source, outcome: { meta } }) => ({
    source,
    shard: shardName(meta),
    startedAt: meta.startedAt,
    durationMs: meta.durationMs,
    requests: meta.requests,
  }));
  const meta: RunMetadata = {
    ...first, // fields this version does not know (a site version, say) come from shard 1
    startedAt,
    finishedAt,
    durationMs,
    shard: { index: 1, count: 1 },
    requests,
    answered,
    // each shard kept the cap on its own: together they asked this much of the site
    requestsPerSecond: durationMs > 0 ? Math.floor((requests / durationMs) * 10_000) / 10 : 0,
    tasks: sum('tasks'),
    runs: sum('runs'),
    mergedFrom,
  };
  return {
    meta,
    findings: ordered.flatMap((part) => part.outcome.findings),
    errors: ordered.flatMap((part) => part.outcome.errors),
    tally: sumTallies(ordered),
    unreachable: requests > 0 && answered === 0,
  };
}
