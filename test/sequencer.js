// Orders the test files so that the two workers end together: the slowest first. Jest does so by
// itself when its cache holds the last run's times; on a fresh clone it has none and falls back to
// file size, which puts a 40-line file that packs and installs the package near the end. Here a file
// without a cached time takes one from KNOWN_SECONDS, and a file in neither is taken as quick and
// ordered by size. Files that failed last time still run first.
import Sequencer from '@jest/test-sequencer';

/**
 * Seconds per file in one run of the whole suite on a loaded machine (about four times the idle
 * figures; only their order matters), paths from the root. Keep it up to date from the "Slowest test
 * files" the summary reporter prints.
 */
const KNOWN_SECONDS = {
  // first: it mostly waits for npm while it packs and installs the package (test/package/installed.ts),
  // which installed-cli.test.ts then finds made
  'test/package/pack.test.ts': 65,
  'test/package/installed-cli.test.ts': 41,
  'test/load/busy-runner.test.ts': 20,
  'test/mock/fuzz.test.ts': 41,
  'test/mock/ui/dashboard-browser.test.ts': 36,
  'test/drift/drift.test.ts': 34,
  'test/cli/mock-command.test.ts': 31,
  'test/report/html-browser.test.ts': 29,
  'test/cli/verify-command.test.ts': 27,
  'test/hostile/prism-signals.test.ts': 24,
  'test/fixtures/property.test.ts': 24,
  'test/verify/broken-servers.test.ts': 20,
  'test/contract/lint.test.ts': 19,
  'test/mock/prism-proxy.test.ts': 19,
  'test/verify/writes/cleanup.test.ts': 16,
  'test/mock/prism.test.ts': 15,
  'test/verify/writes/release.test.ts': 15,
  'test/verify/writes/write-cases.test.ts': 14,
  'test/cli/spec-change-command.test.ts': 14,
  'test/hostile/input-limits.test.ts': 14,
};

export default class SlowestFirstSequencer extends Sequencer {
  time(test) {
    const cached = super.time(test);
    if (cached !== undefined) return cached;
    const relative = test.path.slice(test.context.config.rootDir.length + 1).replaceAll('\\', '/');
    const known = KNOWN_SECONDS[relative];
    return known === undefined ? undefined : known * 1000;
  }

  sort(tests) {
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    for (const test of tests) test.duration = this.time(test);
    return tests.sort(
      (a, b) =>
        Number(this.hasFailed(b)) - Number(this.hasFailed(a)) ||
        (b.duration ?? 0) - (a.duration ?? 0) ||
        size(b) - size(a),
    );
  }
}
