import { describe, expect, it } from '@jest/globals';
import { consoleReport } from '../../src/report/console.js';
import { verifyHtmlReport } from '../../src/report/html/verify-html.js';
import { jsonReport } from '../../src/report/json.js';
import { junitReport } from '../../src/report/junit.js';
import type { VerifyOutcome } from '../../src/verify/outcome.js';

// Every report says what the run asked of the site: requests, duration, rate, cap, and the plan.

const outcome = (extra: Partial<VerifyOutcome['meta']>): VerifyOutcome => ({
  meta: {
    tool: 'tasks-contract verify',
    baseUrl: 'http://h/arcgis/admin',
    spec: 'spec/openapi.yaml',
    specDigest: 'sha256:0f',
    embeddedMock: false,
    startedAt: '2025-06-01T00:00:00.000Z',
    finishedAt: '2025-06-01T00:00:04.000Z',
    durationMs: 4000,
    shard: { index: 1, count: 1 },
    allowWrites: false,
    concurrency: 8,
    timeoutMs: 10000,
    checks: ['transport'],
    requests: 1234,
    answered: 1234,
    tasks: 300,
    runs: 600,
    ...extra,
  },
  findings: [],
  errors: [],
  tally: [{ endpoint: 'GET /system/tasks', check: 'transport', passed: 1, failed: 0, warned: 0 }],
  unreachable: false,
});

const capped = outcome({
  requestsPerSecond: 308.5,
  maxRps: 400,
  sample: { exhaustive: false, seed: 7, size: 5, tasks: ['a', 'b'] },
});

describe('the request load in every report', () => {
  it('console: a load line and a plan line', () => {
    const text = consoleReport(capped);
    expect(text).toContain('load: 1,234 requests in 4.0 s: 308.5 requests/s (cap 400/s (--max-rps))');
    expect(text).toContain('plan: each resource read once (GET f=json); a seeded sample of 5 per endpoint');
    expect(text).toContain('(--seed 7 --sample 5)');
  });

  it('JSON: the count, duration, rate, cap and sample in meta', () => {
    const meta = (JSON.parse(jsonReport(capped)) as { meta: Record<string, unknown> }).meta;
    expect(meta).toMatchObject({ requests: 1234, durationMs: 4000, requestsPerSecond: 308.5, maxRps: 400 });
    expect(meta['sample']).toEqual({ exhaustive: false, seed: 7, size: 5, tasks: ['a', 'b'] });
  });

  it('JUnit: properties on each suite', () => {
    const xml = junitReport(capped);
    for (const property of [
      '<property name="requests" value="1234"/>',
      '<property name="durationMs" value="4000"/>',
      '<property name="requestsPerSecond" value="308.5"/>',
      '<property name="maxRps" value="400"/>',
      '<property name="sampleSeed" value="7"/>',
    ])
      expect(xml).toContain(property);
  });

  it('HTML: a Load row and a Plan row', () => {
    const page = verifyHtmlReport(capped);
    expect(page).toContain('<dt>Load</dt><dd>1,234 requests in 4.0 s: 308.5 requests/s (cap 400/s (--max-rps))</dd>');
    expect(page).toContain('<dt>Plan</dt><dd>each resource read once');
  });

  it('says "no cap" and "every resource read four ways" for an exhaustive run without a cap, and reads old reports', () => {
    const text = consoleReport(outcome({ sample: { exhaustive: true, seed: 19, size: 5, tasks: [] } }));
    // a report without requestsPerSecond (an older version): the rate from the count and the duration
    expect(text).toContain('load: 1,234 requests in 4.0 s: 308.5 requests/s (no cap)');
    expect(text).toContain('plan: every resource read four ways');
    expect(junitReport(outcome({}))).toContain('<property name="maxRps" value="none"/>');
  });
});
