// The import rules of docs/ARCHITECTURE.md, enforced by `npm test` (npm run lint:deps).
// A folder may import only the folders its rule allows; type-only imports are named where they are the exception.

/** A rule that lets `from` import nothing in src/ but itself and `allowed` (folder names under src/). */
function onlyImports(from, allowed, comment) {
  const ok = [from, ...allowed].join('|');
  return {
    name: `${from}-imports-only-${allowed.join('-') || 'itself'}`,
    comment,
    severity: 'error',
    from: { path: `^src/${from}/` },
    to: { path: '^src/', pathNot: `^src/(${ok})/` },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle means two modules are one concept split in two, or a missing third one.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-cli-imports',
      comment: 'cli/ is the edge: it prints for the user and sets exit codes; nothing else imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    onlyImports(
      'input',
      [],
      'input/ reads files and parses documents within the limits of INPUT_LIMITS; it knows nothing of the API.',
    ),
    onlyImports(
      'contract',
      ['domain', 'input'],
      'contract/ loads the contract; it knows only the path-template rule of domain/.',
    ),
    {
      name: 'domain-imports-only-contract-types',
      comment: 'domain/ holds the rules of the API; it depends on the shapes of the contract alone.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/(domain/|contract/contract-types\\.ts|contract/contract\\.generated\\.ts)' },
    },
    onlyImports('validation', ['contract', 'domain', 'input'], 'validation/ compiles the contract into validators.'),
    onlyImports(
      'fixtures',
      ['domain', 'contract', 'validation', 'input'],
      'fixtures/ generates data that follows the rules of domain/.',
    ),
    onlyImports(
      'http',
      ['domain', 'contract', 'validation', 'input'],
      'http/ is the one client: transport, token client, curl, redaction.',
    ),
    onlyImports(
      'mock',
      ['domain', 'fixtures', 'contract', 'validation', 'http', 'input'],
      'mock/ serves the API; it never imports the verify runner or reports.',
    ),
    onlyImports(
      'matchers',
      ['mock', 'domain', 'input'],
      'matchers/ reads the request journal of the mock for jest and vitest; nothing in src/ imports it.',
    ),
    onlyImports(
      'verify',
      ['domain', 'contract', 'validation', 'http', 'input'],
      'verify/ checks servers; reports import it, not the other way.',
    ),
    onlyImports(
      'record',
      ['domain', 'fixtures', 'contract', 'validation', 'http', 'verify', 'input'],
      "record/ reads a real site through the runner's API map and writes a redacted fixture directory.",
    ),
    onlyImports(
      'drift',
      ['domain', 'fixtures', 'contract', 'validation', 'http', 'verify', 'record', 'input'],
      'drift/ compares real traffic (a recording, or a live crawl) with the contract and proposes a change.',
    ),
    onlyImports(
      'pact',
      ['domain', 'fixtures', 'contract', 'validation', 'http', 'input'],
      'pact/ reads and checks consumer contracts.',
    ),
    onlyImports(
      'spec-change/diff',
      ['domain', 'contract', 'validation', 'input'],
      'spec-change/diff/ diffs two versions of the contract; it knows nothing of artifacts or reports.',
    ),
    onlyImports(
      'spec-change/gate',
      ['spec-change/diff', 'pact', 'domain', 'contract', 'validation', 'input'],
      'spec-change/gate/ re-checks pacts, fixtures, scenarios, recordings and examples across a contract change.',
    ),
    {
      name: 'report-imports-verify-pact-spec-change-types-only',
      comment: 'report/ renders outcomes: what verify/, pact/ and spec-change/ produce reaches it as types.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/(verify|pact|spec-change|record|drift)/', dependencyTypesNot: ['type-only'] },
    },
    onlyImports(
      'report',
      ['verify', 'pact', 'spec-change', 'record', 'drift', 'domain', 'contract', 'validation', 'http', 'input'],
      'report/ renders what runs produced.',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
