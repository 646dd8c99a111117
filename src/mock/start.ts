import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deploymentUrls } from '../domain/token-url.js';
import type { MockOptions } from './options.js';
import { createMockServer, mockPipeline, mockReady } from './server.js';

export interface RunningMock {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** http://127.0.0.1:PORT/arcgis/admin */
  readonly adminUrl: string;
  /** http://127.0.0.1:PORT/arcgis/sharing/rest/generateToken */
  readonly tokenUrl: string;
  readonly credentials: { readonly username: string; readonly password: string };
  readonly server: Server;
  close(): Promise<void>;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the embedded mock and resolves once it answers: port 0 picks a free port.
 *
 * @example
 * const mock = await startMockServer({ port: 0 });
 * const res = await fetch(mock.tokenUrl, { method: 'POST', body: new URLSearchParams({ username: 'admin', password: 'admin', f: 'json' }) });
 * await mock.close();
 */
export async function startMockServer(
  options: MockOptions & { port?: number; host?: string } = {},
): Promise<RunningMock> {
  const { port = 4010, host = '127.0.0.1', ...mockOptions } = options;
  const server = createMockServer(mockOptions);
  await mockReady(server);
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const url = `http://${hostForUrl(host)}:${address.port}`;
  return {
    url,
    ...deploymentUrls(url, mockOptions.context ?? 'arcgis'),
    credentials: { username: mockOptions.username ?? 'admin', password: mockOptions.password ?? 'admin' },
    server,
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
