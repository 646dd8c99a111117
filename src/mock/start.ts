import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadContractCached } from '../contract/load.js';
import type { Run, Task } from '../shapes/contract-types.js';
import type { RequestJournal } from './journal/journal.js';
import type { RecordedRequest, RequestFilter } from './journal/recorded-request.js';
import type { MockOptions } from './options.js';
import type { Outcomes } from './schedules/outcomes.js';
import { createMockServer, journalOf, mockPipeline, mockReady, mockTestDouble } from './server.js';
import type { ScenarioInput } from './test-double.js';
import type { MockClock } from './time/clock.js';
import { DASHBOARD_PATH } from './ui/dashboard.js';

export interface RunningMock {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** http://127.0.0.1:PORT/arcgis/admin */
  readonly adminUrl: string;
  /** http://127.0.0.1:PORT/arcgis/sharing/rest/generateToken */
  readonly tokenUrl: string;
  readonly credentials: { readonly username: string; readonly password: string };
  /** The dashboard, http://127.0.0.1:PORT/__mock/ui; undefined when started with `ui: false`. */
  readonly uiUrl: string | undefined;
  readonly server: Server;
  /** Every request the mock received (the last `journalSize`), masked. */
  readonly journal: RequestJournal;
  /** The recorded requests that pass the filter, oldest first. */
  requests(filter?: RequestFilter): RecordedRequest[];
  /** The recorded requests no operation took, each with its near miss. */
  unmatched(): RecordedRequest[];
  /** Forgets the recorded requests (e.g. between tests); returns how many there were. */
  clearRequests(): number;
  /** The mock's clock: `now()`, `set()`, `advance('P7D')`, `freeze()`, `resume()`; schedules catch up on every move. */
  readonly clock: MockClock;
  /** Steer how firings end: `outcomes.set({ taskType: 'CreateBackup' }, { outcome: 'failed', times: 1 })`. */
  readonly outcomes: Outcomes;
  /** Loads a scenario (bundled name, file path, or `{ json }`); a bad one throws a ScenarioError and changes nothing. */
  loadScenario(scenario: ScenarioInput): Promise<void>;
  /** Back to the loaded scenario's start (or the data the mock started with), as `POST /__mock/reset`. */
  reset(): void;
  /** Every task and its runs (full documents), as the mock holds them now (schedules caught up first). */
  state(): { tasks: Task[]; runs: Record<string, Run[]> };
  close(): Promise<void>;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the embedded mock and resolves once it answers: port 0 picks a free port.
 *
 * @example
 * const mock = await startMockServer({ port: 0, scenario: 'failed-backup' });
 * mock.clock.advance('P1D'); // a day of schedules runs
 * const res = await fetch(mock.tokenUrl, { method: 'POST', body: new URLSearchParams({ username: 'admin', password: 'admin', f: 'json' }) });
 * mock.requests({ operationId: 'generateToken' }); // [{ form: { username: 'admin', password: '********', f: 'json' }, ... }]
 * await mock.close();
 */
export async function startMockServer(
  options: MockOptions & { port?: number; host?: string } = {},
): Promise<RunningMock> {
  const { port = 4010, host = '127.0.0.1', ...mockOptions } = options;
  const server = createMockServer(mockOptions);
  await mockReady(server);
  const double = (await mockTestDouble(server))!;
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const url = `http://${hostForUrl(host)}:${address.port}`;
  const journal = journalOf(server);
  // the contract is loaded already (mockReady): its servers say where the admin root and token URL are
  const { layout } = await loadContractCached(mockOptions.specPath);
  return {
    url,
    ...layout.urls(url, mockOptions.context ?? 'arcgis'),
    credentials: { username: mockOptions.username ?? 'admin', password: mockOptions.password ?? 'admin' },
    uiUrl: mockOptions.ui === false ? undefined : `${url}${DASHBOARD_PATH}`,
    server,
    journal,
    requests: (filter) => journal.requests(filter),
    unmatched: () => journal.unmatched(),
    clearRequests: () => journal.clear(),
    clock: double.clock,
    outcomes: double.outcomes,
    loadScenario: async (scenario) => {
      await double.loadScenario(scenario);
    },
    reset: () => double.reset(),
    state: () => {
      double.tick();
      const tasks = double.store.tasks();
      return { tasks, runs: Object.fromEntries(tasks.map((t) => [t.taskId, double.store.runs(t.taskId)!])) };
    },
    close: async () => {
      const pipeline = await mockPipeline(server);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of pipeline?.stalled ?? []) socket.destroy();
      server.closeIdleConnections();
      // in-flight answers are quick; anything still open after a moment is cut
      const timer = setTimeout(() => server.closeAllConnections(), 1000);
      await closed;
      clearTimeout(timer);
    },
  };
}
