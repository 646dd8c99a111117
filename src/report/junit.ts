import type { Finding, ToolError } from '../verify/finding.js';
import type { VerifyOutcome } from '../verify/outcome.js';
import { junitRoot } from './junit-builder.js';
import { requestLoad, requestRateOf, samplePlan } from './request-load.js';
import { brief } from './summary.js';

function describeFinding(finding: Finding): string {
  return [
    `${finding.severity.toUpperCase()} ${finding.url}${finding.pointer ? ` at ${finding.pointer}` : ''}`,
    `  ${finding.message}`,
    `  expected ${brief(finding.expected, 400)}, got ${brief(finding.actual, 400)}`,
    `  ${finding.curl}`,
  ].join('\n');
}

/** What every suite says of the run, as JUnit properties: the site's version first. */
function runProperties(outcome: VerifyOutcome): Record<string, string> {
  const { meta } = outcome;
  return {
    siteVersion: meta.siteVersion ?? 'unknown',
    ...(meta.siteFullVersion ? { siteFullVersion: meta.siteFullVersion } : {}),
    baseUrl: meta.baseUrl,
    spec: meta.spec,
    strict: String(meta.strict ?? false),
    requests: String(meta.requests),
    durationMs: String(meta.durationMs),
    requestsPerSecond: String(requestRateOf(meta)),
    maxRps: meta.maxRps === undefined ? 'none' : String(meta.maxRps),
    load: requestLoad(meta),
    plan: samplePlan(meta),
    ...(meta.sample && !meta.sample.exhaustive
      ? { sampleSeed: String(meta.sample.seed), sampleSize: String(meta.sample.size) }
      : {}),
    ...(meta.release ? { releaseProfile: meta.release.profile } : {}),
    ...(meta.release?.warning ? { releaseWarning: meta.release.warning } : {}),
  };
}

/**
 * JUnit XML: one `<testsuite>` per endpoint, one `<testcase>` per endpoint x check. A case fails
 * (`<failure>`) when the server broke the rule at least once; its body lists every finding with
 * its curl command. Warnings go to `<system-out>`; errors of the tool or the spec are `<error>`.
 *
 * @example writeFileSync('verify.xml', junitReport(outcome));
 */
export function junitReport(outcome: VerifyOutcome): string {
  const builder = junitRoot().newBuilder().name('tasks-contract verify');
  const byCase = new Map<string, Finding[]>();
  for (const finding of outcome.findings) {
    const key = `${finding.endpoint}\u0000${finding.check}`;
    byCase.set(key, [...(byCase.get(key) ?? []), finding]);
  }
  const errorsByCase = new Map<string, ToolError[]>();
  for (const error of outcome.errors) {
    const key = `${error.endpoint}\u0000${error.check}`;
    errorsByCase.set(key, [...(errorsByCase.get(key) ?? []), error]);
  }
  const cases = outcome.tally.map((row) => ({
    endpoint: row.endpoint,
    check: row.check,
    runs: row.passed + row.failed + row.warned,
  }));
  for (const key of errorsByCase.keys()) {
    const [endpoint, check] = key.split('\u0000') as [string, string];
    if (!cases.some((c) => c.endpoint === endpoint && c.check === check)) cases.push({ endpoint, check, runs: 0 });
  }
  const suites = new Map<string, ReturnType<typeof builder.testSuite>>();
  for (const { endpoint, check, runs } of cases) {
    let suite = suites.get(endpoint);
    if (!suite) {
      suite = builder.testSuite().name(endpoint).timestamp(outcome.meta.startedAt);
      for (const [name, value] of Object.entries(runProperties(outcome))) suite.property(name, value);
      suites.set(endpoint, suite);
    }
    const key = `${endpoint}\u0000${check}`;
    const testCase = suite.testCase().className(endpoint).name(check);
    const findings = byCase.get(key) ?? [];
    const failing = findings.filter((f) => f.severity !== 'warning');
    const warnings = findings.filter((f) => f.severity === 'warning');
    if (failing.length > 0) {
      testCase
        .failure(
          `${failing.length} finding(s) in ${runs} answer(s): ${failing[0]!.message}`,
          failing.some((f) => f.severity === 'security') ? 'security' : 'error',
        )
        .stacktrace(failing.map(describeFinding).join('\n\n'));
    }
    const errors = errorsByCase.get(key) ?? [];
    if (errors.length > 0) testCase.error(errors[0]!.message, 'tool-error', errors.map((e) => e.message).join('\n'));
    if (warnings.length > 0) testCase.standardOutput(warnings.map(describeFinding).join('\n\n'));
  }
  return builder.build();
}
