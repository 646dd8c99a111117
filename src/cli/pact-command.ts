import { type Command, Option } from 'commander';
import { loadContract, loadContractCached } from '../contract/load.js';
import type { ContractModel } from '../contract/model.js';
import { Transport } from '../http/transport.js';
import { type RunningMock, startMockServer } from '../mock/index.js';
import {
  compatibilityMatrix,
  createStubServer,
  defaultStatesPath,
  MockStateHandler,
  type Pact,
  PactFileError,
  PactSpecChecker,
  readPact,
  readStatesFile,
  replayPacts,
} from '../pact/index.js';
import { headerPairs, Redactor } from '../redaction/index.js';
import {
  type PactOutcome,
  type PactVerifyOutcome,
  pactConsoleReport,
  pactFailed,
  renderPactReport,
} from '../report/pact-reports.js';
import type { ReportTarget } from '../report/targets.js';
import { ContractValidator } from '../validation/contract-validator.js';
import { type Credentials, canAuthenticate, credentialsFrom, tokenFromCredentials } from './credentials.js';
import { emitReports } from './emit-reports.js';
import { integerOption, reportOption } from './parse-options.js';
import { ProgressLine } from './progress.js';
import { type SiteOptions, withSiteOptions } from './site.js';
import { refRootsOf, withSpecOption } from './spec-options.js';
import { EXIT, UsageError } from './usage-error.js';

async function readPacts(files: readonly string[]): Promise<Pact[]> {
  try {
    return await Promise.all(files.map((file) => readPact(file)));
  } catch (error) {
    if (error instanceof PactFileError) throw new UsageError(error.message);
    throw error;
  }
}

async function emit(found: PactOutcome, reports: readonly ReportTarget[], redactor: Redactor): Promise<void> {
  // masked as data first (an HTML page escapes what it shows, so its text could hide a secret's
  // escaped form from a text search), then as text
  const outcome = redactor.redact(found);
  process.stdout.write(redactor.redactText(pactConsoleReport(outcome)));
  process.exitCode = await emitReports(
    reports,
    (target) => redactor.redactText(renderPactReport(outcome, target.format)),
    pactFailed(outcome) ? EXIT.findings : EXIT.ok,
  );
}

/** The URL of a pact path on the provider: pact paths are full (`/arcgis/admin/...`), the base may be a root or the admin root. */
export function providerRoot(baseUrl: string, samplePath: string | undefined): string {
  const url = new URL(baseUrl);
  const basePath = url.pathname.replace(/\/+$/, '');
  if (!basePath || !samplePath || samplePath.startsWith(`${basePath}/`)) return url.origin;
  return `${url.origin}${basePath}`;
}

/** generateToken's URL for a provider: `--token-url`, else derived from the pacts' `/<context>/admin/...` paths. */
function tokenUrlFor(
  contract: ContractModel,
  root: string,
  pacts: readonly Pact[],
  explicit: string | undefined,
): string {
  if (explicit) return explicit;
  const paths = pacts.flatMap((p) => p.interactions.map((i) => i.request.path));
  const derived = paths.map((path) => contract.layout.tokenUrlForPath(root, path)).find((url) => url !== undefined);
  if (!derived)
    throw new UsageError('cannot derive the token URL from the pacts (no /<context>/admin/... path); pass --token-url');
  return derived;
}

interface PactCheckOptions {
  spec: string;
  report: ReportTarget[];
}

interface PactVerifyOptions extends SiteOptions {
  states: string;
  report: ReportTarget[];
}

function registerCheckSpec(pact: Command): void {
  withSpecOption(
    pact
      .command('check-spec')
      .description('check that every interaction of the pacts is one the contract allows (bi-directional, offline)')
      .argument('<pacts...>', 'pact files (specification v1-v4)')
      .option('--report <format:file>', 'also write junit:FILE, json:FILE or html:FILE (repeatable)', reportOption, []),
  ).action(async (files: string[], options: PactCheckOptions) => {
    const pacts = await readPacts(files);
    const contract = await loadContract(options.spec, refRootsOf(options));
    const checker = new PactSpecChecker(contract, ContractValidator.for(contract));
    const verdicts = pacts.flatMap((p) => checker.check(p));
    const version = contract.info.version;
    const outcome: PactOutcome = {
      kind: 'check-spec',
      spec: { path: contract.sourcePath, version, digest: contract.digest },
      verdicts,
      matrix: compatibilityMatrix(verdicts, version),
      skipped: pacts.flatMap((p) => p.skipped.map((s) => `${p.consumer}: ${s}`)),
    };
    await emit(outcome, options.report, new Redactor());
  });
}

function registerVerify(pact: Command): void {
  const command = pact
    .command('verify')
    .description(
      'replay the pacts against a provider (the embedded mock when no --base-url) and apply their matching rules',
    )
    .argument('<pacts...>', 'pact files (specification v1-v4)')
    .addOption(
      new Option('--states <file>', 'provider states file (state name -> tasks to set up on the mock)').default(
        defaultStatesPath(),
        "the package's contracts/provider-states.json",
      ),
    )
    .option('--report <format:file>', 'also write junit:FILE, json:FILE or html:FILE (repeatable)', reportOption, []);
  // the same site options as verify, record and drift: names, environment variables and limits
  withSiteOptions(command, {
    baseUrl: 'the provider: its root (http://host:port) or its admin root (.../arcgis/admin)',
    defaultTimeoutSeconds: 10,
  }).action(async (files: string[], options: PactVerifyOptions) => {
    const pacts = await readPacts(files);
    // the bundled contract says where tokens travel and how a token URL follows from a path
    const contract = await loadContractCached();
    const states = await readStatesFile(options.states).catch((error: unknown) => {
      throw error instanceof PactFileError ? new UsageError(error.message) : error;
    });
    if (options.baseUrl !== undefined && !/^https?:\/\/[^/]+/.test(options.baseUrl)) {
      throw new UsageError(`--base-url must be an http(s) URL, got "${options.baseUrl}"`);
    }
    let mock: RunningMock | undefined;
    let transport: Transport | undefined;
    try {
      // a clock frozen at start: no schedule fires while the pacts are replayed
      if (!options.baseUrl) mock = await startMockServer({ port: 0, clock: Date.now() });
      const samplePath = pacts[0]?.interactions[0]?.request.path;
      const root = mock ? mock.url : providerRoot(options.baseUrl!, samplePath);
      const credentials: Credentials = mock ? mock.credentials : credentialsFrom(options);
      // without credentials the pacts' own tokens are replayed as they are
      const token = canAuthenticate(credentials)
        ? await tokenFromCredentials(credentials, () => tokenUrlFor(contract, root, pacts, options.tokenUrl), {
            referer: new URL(root).origin,
            timeoutMs: options.timeout * 1000,
            insecure: options.insecure ?? false,
          })
        : undefined;
      if (canAuthenticate(credentials) && token === undefined) return;
      // session values the provider sets (Set-Cookie) are learnt as they arrive and masked in every report
      const session = new Redactor();
      transport = new Transport({
        timeoutMs: options.timeout * 1000,
        maxSockets: 1,
        insecure: options.insecure ?? false,
        onWire: (wire) => session.learnHeaders(headerPairs(wire.response?.rawHeaders)),
      });
      const progress = new ProgressLine('pact verify', 'interactions');
      const results = await replayPacts(pacts, {
        baseUrl: root,
        states: new MockStateHandler(states, new URL(root).origin, transport),
        transport,
        tokens: contract.tokens,
        ...(token ? { token } : {}),
        onProgress: (p) => progress.update(p),
      });
      progress.finish();
      const matrix = pacts.map((p) => {
        const mine = results.filter((r) => r.pact === p.file);
        const failed = mine.filter((r) => r.status !== 'passed' && !r.pending).length;
        return {
          consumer: p.consumer,
          provider: p.provider,
          providerUrl: root,
          pact: p.file,
          verified: failed === 0,
          passed: mine.length - failed,
          failed,
        };
      });
      const outcome: PactVerifyOutcome = {
        kind: 'verify',
        provider: { url: root, embeddedMock: mock !== undefined },
        results,
        matrix,
      };
      // the embedded mock's credentials are printed by `mock` anyway (and 'admin' is in every path)
      const redactor = new Redactor([token, mock ? undefined : credentials.password, ...session.known()]);
      await emit(outcome, options.report, redactor);
      if (results.length > 0 && results.every((r) => r.status === 'error' && /did not answer/.test(r.error ?? '')))
        process.exitCode = EXIT.unreachable;
    } finally {
      transport?.close();
      await mock?.close();
    }
  });
}

function registerStub(pact: Command): void {
  pact
    .command('stub')
    .description("serve the pacts' interactions as a stub provider for consumers")
    .argument('<pacts...>', 'pact files (specification v1-v4)')
    .option('--port <port>', 'port (0 picks one)', integerOption('--port', 0, 65535), 4011)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .action(async (files: string[], options: { port: number; host: string }) => {
      const pacts = await readPacts(files);
      const server = createStubServer(pacts);
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) =>
          reject(new UsageError(`cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}`)),
        );
        server.listen(options.port, options.host, resolve);
      });
      const { port } = server.address() as { port: number };
      const count = pacts.reduce((n, p) => n + p.interactions.length, 0);
      process.stdout.write(
        `pact stub serving ${count} interaction(s) from ${pacts.length} pact(s) at http://${options.host}:${port}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => server.close(() => resolve());
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

/** `tasks-contract pact check-spec | verify | stub`: consumer-driven contracts against the spec and providers. */
export function registerPactCommand(program: Command): void {
  const pact = program
    .command('pact')
    .description('consumer contracts (pact files): check against the spec, verify providers, serve stubs');
  registerCheckSpec(pact);
  registerVerify(pact);
  registerStub(pact);
}
