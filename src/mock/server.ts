import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { loadContractCached } from '../contract/load.js';
import { contractForRelease } from '../contract/release-spec.js';
import { type ReleaseProfile, resolveRelease } from '../domain/releases.js';
import { fixtureSetOfRelease } from '../fixtures/of-release.js';
import type { ContractValidator } from '../validation/contract-validator.js';
import { type Account, Accounts } from './accounts.js';
import { STANDARD_MESSAGES } from './failure.js';
import { seedFixtures } from './fixture-source.js';
import type { MockServices } from './handlers.js';
import { JournaledResponse } from './journal/exchange.js';
import { DEFAULT_JOURNAL_SIZE, RequestJournal } from './journal/journal.js';
import { NearMissFinder } from './journal/near-miss.js';
import { Recorder } from './journal/recorder.js';
import { LateFormValidators } from './late-validators.js';
import { checkMockOptions, DEFAULT_SITE_VERSION, LIMITS, type MockOptions } from './options.js';
import type { PipelineConfig } from './pipeline/context.js';
import { Pipeline } from './pipeline/pipeline.js';
import { JSON_TYPE } from './respond.js';
import { Router } from './router.js';
import type { BuiltScenario } from './scenarios/build-scenario.js';
import type { ScenarioText } from './scenarios/read-scenario.js';
import { ScenarioError } from './scenarios/scenario.js';
import { ScheduleEngine } from './schedules/engine.js';
import { Outcomes } from './schedules/outcomes.js';
import { seededRandom } from './seeded-random.js';
import { MockStore } from './store.js';
import { type ScenarioInput, TestDouble } from './test-double.js';
import { MockClock } from './time/clock.js';
import { Dashboard } from './ui/dashboard.js';

const ready = new WeakMap<Server, Promise<void>>();
const pipelines = new WeakMap<Server, Promise<Pipeline>>();
const journals = new WeakMap<Server, RequestJournal>();

/** Resolves when the server has loaded its contract and data (startMockServer waits for it). */
export function mockReady(server: Server): Promise<void> {
  return ready.get(server) ?? Promise.resolve();
}

/** The pipeline of a mock server (for startMockServer's close: stalled sockets). */
export function mockPipeline(server: Server): Promise<Pipeline> | undefined {
  return pipelines.get(server);
}

/**
 * The request journal of a server made by `createMockServer` (what `startMockServer`'s
 * `requests()`, `unmatched()` and `clearRequests()` read).
 *
 * @example
 * const server = createMockServer();
 * await request(server).get('/arcgis/admin/system/taks?f=json');
 * journalOf(server).unmatched()[0].nearMiss; // { operationId: 'listTasks', differences: [path segment 4 ...] }
 */
export function journalOf(server: Server): RequestJournal {
  const journal = journals.get(server);
  if (!journal) throw new Error('journalOf: this server was not made by createMockServer.');
  return journal;
}

/** What a server is made of beyond its pipeline: the test double (clock, schedules, outcomes, scenario). */
const doubles = new WeakMap<Server, Promise<TestDouble>>();

/** The test double of a mock server (what `startMockServer` hands out as `clock`, `outcomes`...). */
export function mockTestDouble(server: Server): Promise<TestDouble> | undefined {
  return doubles.get(server);
}

/**
 * A scenario of another release than the mock plays is refused: the release decides what the
 * handlers accept, and a running mock keeps its release (restart it with the scenario instead).
 */
function releaseConflict(
  source: string,
  built: BuiltScenario,
  playing: string | undefined,
  named: boolean,
): ScenarioError | undefined {
  if (built.release === undefined || playing === undefined || built.release === playing) return undefined;
  const why = named ? `the mock was asked to play release ${playing} (--release)` : `the mock plays release ${playing}`;
  return new ScenarioError(source, '/release', `the scenario is of release ${built.release}, ${why}: drop one`);
}

async function scenarioText(input: ScenarioInput): Promise<ScenarioText> {
  if (typeof input !== 'string') return { source: input.source ?? 'scenario', name: 'custom', text: input.json };
  const { readScenarioText } = await import('./scenarios/read-scenario.js');
  return readScenarioText(input);
}

/** The test double and the pipeline, once the data is ready. */
async function buildPipeline(
  options: MockOptions,
  journal: RequestJournal,
  /** True while the server listens (the dashboard's change feeds end when it stops). */
  serving: () => boolean,
): Promise<{ pipeline: Pipeline; double: TestDouble }> {
  const contract = await loadContractCached(options.specPath);
  const seed = options.seed ?? 1;
  const clock = options.clock instanceof MockClock ? options.clock : new MockClock(options.clock, options.now);
  // Ajv's module is loaded now, in the background (its compiling waits for the first form): an import
  // started from a request's callback can outlive the code that started the server (a test's module
  // registry, say), one started here cannot.
  const validatorModule = import('../validation/contract-validator.js');
  validatorModule.catch(() => undefined); // a failure is reported to the first request that needs it
  let contractValidator: ContractValidator | undefined;
  const validatorFor = async () => {
    if (!contractValidator) {
      const { ContractValidator } = await validatorModule;
      contractValidator ??= ContractValidator.for(contract);
    }
    return contractValidator;
  };
  const validatorForRelease = async (release: ReleaseProfile | undefined) => {
    if (!release) return validatorFor();
    const { ContractValidator } = await validatorModule;
    return ContractValidator.for(await contractForRelease(contract, release));
  };
  // the release the mock plays: the option, else the start-up scenario's, else its data's (set below)
  let playing: string | undefined = options.release;
  // the scenario modules (and the invariants they check documents with) load with the first scenario:
  // a plain mock answers sooner without them
  const build = async (input: ScenarioInput) => {
    const text = await scenarioText(input);
    const { buildScenario } = await import('./scenarios/build-scenario.js');
    const built = await buildScenario(text, validatorForRelease, clock.now());
    const refusal = releaseConflict(text.source, built, playing, options.release !== undefined);
    if (refusal) throw refusal;
    return built;
  };
  const startScenario = options.scenario === undefined ? undefined : await build(options.scenario);
  const seeded = startScenario?.set ?? (await seedFixtures(options));
  // a fixture set, recording or scenario that names its release is served as that release
  const release = resolveRelease(options.release ?? seeded.meta.siteVersion).profile;
  // asked to play a release (`--release`), the mock holds only the tasks a site of it can hold
  const fixtures = options.release !== undefined && !startScenario ? fixtureSetOfRelease(seeded, release) : seeded;
  playing = release.version;
  const now = () => clock.now();
  const accountList: Account[] = [
    { username: options.username ?? 'admin', password: options.password ?? 'admin', role: 'admin' },
  ];
  const viewer = options.viewer === undefined ? { username: 'viewer', password: 'viewer' } : options.viewer;
  if (viewer) accountList.push({ ...viewer, role: 'viewer' });
  const store = new MockStore(fixtures, seed);
  const accounts = new Accounts(accountList, now);
  const outcomes = new Outcomes();
  const double = new TestDouble(
    clock,
    outcomes,
    new ScheduleEngine(store, outcomes, seed, now),
    store,
    accounts,
    build,
  );
  if (startScenario) double.useScenario(startScenario);
  const first = fixtures.tasks[0];
  const context = options.context ?? 'arcgis';
  let chaos = seededRandom(seed, 'chaos');
  const router = new Router(context, contract.operations, contract.layout);
  journal.knowOperations(contract.operations.map((o) => o.operationId));
  // Ajv and the form validators are compiled on the first POST (see LateFormValidators): reads,
  // control calls and refusals are answered as soon as the data is ready.
  const forms = new LateFormValidators(validatorFor);
  const validators = forms.view;
  const services: MockServices = {
    roles: contract.roles,
    store,
    accounts,
    validators,
    now,
    ownerId: first?.ownerId ?? createHash('sha256').update(accountList[0]!.username).digest('hex').slice(0, 32),
    orgId: first?.orgId ?? '0123456789ABCDEF',
    release,
  };
  const config: PipelineConfig = {
    router,
    tokens: contract.tokens,
    recorder: new Recorder(journal, new NearMissFinder(router.operationRoutes), now, options.logger),
    services,
    forms,
    control: {
      double,
      journal,
      store,
      validators,
      reset: () => {
        double.reset();
        chaos = seededRandom(seed, 'chaos');
      },
      stateDump: () => ({
        meta: { ...store.meta, context, tokensIssued: accounts.issuedCount },
        ...store.snapshot(),
      }),
    },
    errorStatus: options.errorStatus ?? '200',
    adminRoot: contract.layout.paths(context).adminRoot,
    siteVersion: options.siteVersion ?? options.release ?? fixtures.meta.siteVersion ?? DEFAULT_SITE_VERSION,
    latency: options.latency,
    faultRate: options.faultRate ?? 0,
    get chaos() {
      return chaos;
    },
    controlToken: options.controlToken,
  };
  // route handlers of the mock's own pages are listed here: tried before the stages
  const dashboard = options.ui === false ? undefined : new Dashboard(double, journal, serving);
  const pipeline = new Pipeline(config, dashboard ? [(req, res) => dashboard.handle(req, res)] : []);
  return { pipeline, double };
}

/**
 * The embedded mock as a `node:http` Server, not yet listening: `supertest(createMockServer())`
 * works, and so does `.listen()`. Requests that arrive while the contract loads wait for it.
 *
 * @example
 * const server = createMockServer({ seed: 7, errorStatus: 'http' });
 * await request(server).get('/arcgis/admin/system/tasks?f=json'); // 499 Token Required
 */
export function createMockServer(options: MockOptions = {}): Server {
  checkMockOptions(options);
  const journal = new RequestJournal(options.journalSize ?? DEFAULT_JOURNAL_SIZE);
  const built = buildPipeline(options, journal, () => server.listening);
  const pending = built.then((b) => b.pipeline);
  const dataReady = built.then(() => undefined);
  dataReady.catch(() => undefined);
  // a failed start-up is answered per request (500) and by mockReady; not an unhandled rejection
  pending.catch(() => undefined);
  let served: { pipeline: Pipeline; double: TestDouble } | undefined;
  built.then(
    (b) => {
      served = b;
    },
    () => undefined,
  );
  const server = createServer(
    {
      headersTimeout: LIMITS.headersTimeoutMs,
      requestTimeout: LIMITS.requestTimeoutMs,
      keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
      ServerResponse: JournaledResponse,
    },
    (req, res) => {
      if (served) {
        served.double.tick();
        return served.pipeline.handle(req, res);
      }
      // the one wait: until the data is loaded (forms also wait for their validators: see the pipeline)
      built.then(
        (b) => {
          b.double.tick();
          b.pipeline.handle(req, res);
        },
        (error: unknown) => {
          const body = JSON.stringify({
            error: { code: 500, message: STANDARD_MESSAGES[500], details: [String((error as Error).message ?? error)] },
          });
          res.writeHead(500, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(body) }).end(body);
        },
      );
    },
  );
  // Errors node raises before a request exists (header overflow, timeouts, bad HTTP): still an ArcGIS envelope.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const code = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const statusText =
      code === 431 ? 'Request Header Fields Too Large' : code === 408 ? 'Request Timeout' : 'Bad Request';
    const body = JSON.stringify({ error: { code, message: STANDARD_MESSAGES[code] ?? 'Bad request.', details: [] } });
    const rawPacket = (error as { rawPacket?: Buffer }).rawPacket;
    const requestLine = rawPacket?.toString('latin1').split('\r\n', 1)[0];
    const reason =
      code === 431 ? 'headers too large' : code === 408 ? 'request timed out' : `broken HTTP (${error.code})`;
    pending.then(
      (p) => p.recordClientError(requestLine, code, reason),
      () => undefined,
    );
    socket.end(
      `HTTP/1.1 ${code} ${statusText}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  ready.set(server, dataReady);
  pipelines.set(server, pending);
  journals.set(server, journal);
  const testDouble = built.then((b) => b.double);
  testDouble.catch(() => undefined);
  doubles.set(server, testDouble);
  return server;
}
