import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { deploymentPaths } from '../domain/token-url.js';
import { loadContractCached } from '../spec/load.js';
import { type Account, Accounts } from './accounts.js';
import { STANDARD_MESSAGES } from './failure.js';
import { seedFixtures } from './fixture-source.js';
import { compileFormValidators, type FormValidators } from './form-input.js';
import type { MockServices } from './handlers.js';
import { checkMockOptions, LIMITS, type MockOptions } from './options.js';
import { Pipeline } from './pipeline.js';
import { JSON_TYPE } from './respond.js';
import { Router } from './router.js';
import { seededRandom } from './seeded-random.js';
import { MockStore } from './store.js';

const ready = new WeakMap<Server, Promise<Pipeline>>();

/** Resolves when the server has loaded its contract and data (startMockServer waits for it). */
export function mockReady(server: Server): Promise<void> {
  return (ready.get(server) ?? Promise.resolve()).then(() => undefined);
}

/** The pipeline of a mock server (for startMockServer's close: stalled sockets). */
export function mockPipeline(server: Server): Promise<Pipeline> | undefined {
  return ready.get(server);
}

async function buildPipeline(options: MockOptions): Promise<Pipeline> {
  const contract = await loadContractCached(options.specPath);
  const seed = options.seed ?? 1;
  const fixtures = await seedFixtures(options);
  const now = options.now ?? Date.now;
  const accountList: Account[] = [
    { username: options.username ?? 'admin', password: options.password ?? 'admin', role: 'admin' },
  ];
  const viewer = options.viewer === undefined ? { username: 'viewer', password: 'viewer' } : options.viewer;
  if (viewer) accountList.push({ ...viewer, role: 'viewer' });
  const store = new MockStore(fixtures, seed);
  const first = fixtures.tasks[0];
  // Ajv and the form validators are loaded after the server answers its first request: only forms
  // (writes, generateToken) need them, and start-up time is what users of a mock notice. Forms that
  // come earlier wait.
  let validators: FormValidators | undefined;
  const formValidators = new Promise<FormValidators>((resolve, reject) => {
    setImmediate(() => {
      import('../validation/contract-validator.js')
        .then(({ ContractValidator }) => {
          validators = compileFormValidators(ContractValidator.for(contract));
          resolve(validators);
        })
        .catch(reject);
    });
  });
  formValidators.catch(() => undefined);
  const services: MockServices = {
    store,
    accounts: new Accounts(accountList, now),
    get validators() {
      if (!validators) throw new Error('form validators used before they were compiled');
      return validators;
    },
    now,
    ownerId: first?.ownerId ?? createHash('sha256').update(accountList[0]!.username).digest('hex').slice(0, 32),
    orgId: first?.orgId ?? '0123456789ABCDEF',
  };
  const context = options.context ?? 'arcgis';
  let chaos = seededRandom(seed, 'chaos');
  return new Pipeline({
    router: new Router(context, contract.operations),
    services,
    formValidators: () => (validators ? undefined : formValidators),
    errorStatus: options.errorStatus ?? '200',
    adminRoot: deploymentPaths(context).adminRoot,
    latency: options.latency,
    faultRate: options.faultRate ?? 0,
    get chaos() {
      return chaos;
    },
    onReset: () => {
      store.reset();
      chaos = seededRandom(seed, 'chaos');
    },
    stateDump: () => ({
      meta: { ...fixtures.meta, context, tokensIssued: services.accounts.issuedCount },
      ...store.snapshot(),
    }),
  });
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
  const pending = buildPipeline(options);
  let pipeline: Pipeline | undefined;
  pending.then(
    (p) => (pipeline = p),
    () => undefined,
  );
  const server = createServer(
    {
      headersTimeout: LIMITS.headersTimeoutMs,
      requestTimeout: LIMITS.requestTimeoutMs,
      keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
    },
    (req, res) => {
      if (pipeline) return pipeline.handle(req, res);
      pending.then(
        (p) => p.handle(req, res),
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
    const reason = code === 431 ? 'Request Header Fields Too Large' : code === 408 ? 'Request Timeout' : 'Bad Request';
    const body = JSON.stringify({ error: { code, message: STANDARD_MESSAGES[code] ?? 'Bad request.', details: [] } });
    socket.end(
      `HTTP/1.1 ${code} ${reason}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  ready.set(server, pending);
  return server;
}
