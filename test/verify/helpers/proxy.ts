import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request passing through the proxy, with its form body (POST) read. */
interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly form: URLSearchParams;
}

interface ProxyAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface ProxyHooks {
  /** Answers instead of the upstream (the request is not forwarded). */
  intercept?: (request: ProxiedRequest) => ProxyAnswer | undefined;
  /** Changes the upstream's answer. */
  transform?: (request: ProxiedRequest, answer: ProxyAnswer) => ProxyAnswer;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A small proxy in front of a server (the mock) that breaks one thing through its hooks. */
export async function startProxy(
  upstream: string,
  hooks: ProxyHooks,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const target = new URL(upstream);
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://proxy');
    const proxied: ProxiedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      form: new URLSearchParams(req.method === 'POST' ? raw.toString('utf8') : ''),
    };
    const intercepted = hooks.intercept?.(proxied);
    if (intercepted) {
      res.writeHead(intercepted.status, { 'content-type': intercepted.contentType }).end(intercepted.body);
      return;
    }
    const upstreamRequest = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      async (upstreamResponse) => {
        const body = (await readBody(upstreamResponse)).toString('utf8');
        let answer: ProxyAnswer = {
          status: upstreamResponse.statusCode ?? 502,
          contentType: String(upstreamResponse.headers['content-type'] ?? ''),
          body,
        };
        if (hooks.transform) answer = hooks.transform(proxied, answer);
        res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
      },
    );
    upstreamRequest.on('error', () => res.destroy());
    upstreamRequest.end(raw);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
