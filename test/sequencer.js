// Orders the test files so that the two workers end together: the slowest first. Jest does so by
// itself when its cache holds the last run's times; on a fresh clone it has none and falls back to
// file size, which puts a 40-line file that packs and installs the package near the end. Here a file
// without a cached time takes its time from KNOWN_SECONDS (measured on an idle machine; a rough
// guide, kept up to date from the "Slowest test files" the summary reporter prints), and a file in
// neither is taken as quick and ordered by size. Files that failed last time still run first.
import Sequencer from '@jest/test-sequencer';

/** Seconds per file, idle, as the summary reporter printed them; paths from the root. */
const KNOWN_SECONDS = {
  // packs and installs the package (cached by digest): the first of the two to start makes it
  'test/package/pack.test.ts': 33,
  'test/fixtures/property.test.ts': 30,
  'test/mock/fuzz.test.ts': 27,
  'test/package/installed-cli.test.ts': 26,
  'test/hostile/gate-recordings.test.ts': 21,
  'test/cli/verify-command.test.ts': 20,
  'test/drift/drift.test.ts': 18,
  // four busy processes slow the other worker while it runs: not first, where it would also fill a cold cache
  'test/load/busy-runner.test.ts': 15,
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
