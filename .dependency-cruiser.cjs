// The import rules of docs/ARCHITECTURE.md, enforced by `npm test` (npm run lint:deps).
// A folder may import only the folders its rule allows; type-only imports are named where they are the exception.

/**
 * A rule that lets `from` import nothing in src/ but itself, `allowed` (folder names under src/) and
 * `shapes/` (the contract's generated types, which every folder may name).
 */
function onlyImports(from, allowed, comment) {
  const ok = [from, ...allowed, 'shapes'].join('|');
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
      'contract/ loads and normalizes the contract; it uses the rules of domain/ (path templates, the URL layout).',
    ),
    {
      name: 'shapes-imports-nothing',
      comment: 'shapes/ is the types generated from the spec and their short names: the bottom of src/.',
      severity: 'error',
      from: { path: '^src/shapes/' },
      to: { path: '^src/', pathNot: '^src/shapes/' },
    },
    onlyImports('domain', [], 'domain/ holds the rules of the API; it depends on the shapes of the contract alone.'),
    {
      name: 'redaction-imports-only-domain',
      comment:
        'redaction/ is the one home of masking secrets; it sits low, on the rules of domain/ alone (and the walk depth of input/).',
      severity: 'error',
      from: { path: '^src/redaction/' },
      to: {
        path: '^src/',
        pathNot: '^src/(redaction/|domain/|shapes/|input/)',
      },
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
      'http/ is the one client: transport, token client, curl.',
    ),
    onlyImports(
      'mock',
      ['domain', 'fixtures', 'contract', 'validation', 'http', 'redaction', 'input'],
      'mock/ serves the API; it never imports the verify runner or reports.',
    ),
    onlyImports(
      'matchers',
      ['mock', 'domain', 'input'],
      'matchers/ reads the request journal of the mock for jest and vitest; nothing in src/ imports it.',
    ),
    onlyImports(
      'verify',
      ['domain', 'contract', 'validation', 'http', 'redaction', 'input'],
      'verify/ checks servers; reports import it, not the other way.',
    ),
    onlyImports(
      'record',
      ['domain', 'fixtures', 'contract', 'validation', 'http', 'redaction', 'verify', 'input'],
      "record/ reads a real site through the runner's API map and writes a redacted fixture directory.",
    ),
    onlyImports(
      'drift',
      ['domain', 'fixtures', 'contract', 'validation', 'http', 'redaction', 'verify', 'record', 'input'],
      'drift/ compares real traffic (a recording, or a live crawl) with the contract and proposes a change.',
    ),
    onlyImports(
      'pact',
      ['domain', 'fixtures', 'contract', 'validation', 'http', 'redaction', 'input'],
      'pact/ reads and checks consumer contracts.',
    ),
    onlyImports(
      'spec-change/diff',
      ['domain', 'contract', 'validation', 'input'],
      'spec-change/diff/ diffs two versions of the contract; it knows nothing of artifacts or reports.',
    ),
    onlyImports(
      'spec-change/gate',
      ['spec-change/diff', 'pact', 'domain', 'contract', 'validation', 'redaction', 'input'],
      'spec-change/gate/ re-checks pacts, fixtures, scenarios, recordings and examples across a contract change.',
    ),
    {
      name: 'report-imports-verify-pact-spec-change-types-only',
      comment: 'report/ renders outcomes: what verify/, pact/ and spec-change/ produce reaches it as types.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/(verify|pact|spec-change|record|drift)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'contracts-and-bench-use-src-through-public-folders',
      comment: 'contracts/ and bench/ are users of src/: they never reach into cli/ (they run the CLI as a process).',
      severity: 'error',
      from: { path: '^(contracts|bench)/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'src-never-imports-contracts-bench-or-tests',
      comment: 'The toolkit does not depend on its suites, consumer contracts or benchmarks.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(contracts|bench|test)/' },
    },
    onlyImports(
      'report',
      [
        'verify',
        'pact',
        'spec-change',
        'record',
        'drift',
        'domain',
        'contract',
        'validation',
        'http',
        'redaction',
        'input',
      ],
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
