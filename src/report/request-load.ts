import type { RunMetadata } from '../verify/outcome.js';

/**
 * What a run asked of the site, in words every report uses: the request count, the duration, the
 * achieved rate and the cap (`--max-rps`).
 *
 * @example requestLoad(meta) // '4,212 requests in 2.1 s: 2,005.7 requests/s (no cap)'
 */
export function requestLoad(meta: RunMetadata): string {
  const seconds = meta.durationMs / 1000;
  const rate = requestRateOf(meta);
  const cap = meta.maxRps === undefined ? 'no cap' : `cap ${meta.maxRps.toLocaleString('en-US')}/s (--max-rps)`;
  return `${meta.requests.toLocaleString('en-US')} requests in ${seconds.toFixed(1)} s: ${rate.toLocaleString('en-US')} requests/s (${cap})`;
}

/** Requests per second: as the run measured it, or (reports of older versions) from its count and duration. */
export function requestRateOf(meta: RunMetadata): number {
  const seconds = meta.durationMs / 1000;
  return meta.requestsPerSecond ?? (seconds > 0 ? Math.floor((meta.requests / seconds) * 10) / 10 : 0);
}

/**
 * Which resources were read four ways (f=json and f=pjson, GET and POST), so that a run can be
 * repeated: the seed and the size, or `--exhaustive`.
 *
 * @example samplePlan(meta) // 'each resource read once; a seeded sample of 5 per endpoint read four ways (--seed 19 --sample 5)'
 */
export function samplePlan(meta: RunMetadata): string {
  const sample = meta.sample;
  if (sample === undefined || sample.exhaustive)
    return 'every resource read four ways (f=json and f=pjson, GET and POST)';
  return `each resource read once (GET f=json); a seeded sample of ${sample.size} per endpoint read four ways (--seed ${sample.seed} --sample ${sample.size})`;
}
