import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DEFAULT_TOKENS, type TokenPlacements } from '../contract/tokens.js';
import { essence } from '../validation/media-type.js';
import { matchHeaders } from './header-match.js';
import { type Mismatch, ValueMatcher } from './match-value.js';
import type { Pact, PactInteraction } from './model.js';

const MAX_BODY = 1 << 20;

interface Incoming {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body: unknown;
}

/** Token values differ per environment, so the stub ignores them (wherever `tokens` says they travel) when it matches. */
function requestMismatches(interaction: PactInteraction, incoming: Incoming, tokens: TokenPlacements): Mismatch[] {
  const expected = interaction.request;
  const mismatches: Mismatch[] = [];
  if (expected.method !== incoming.method)
    mismatches.push({
      pointer: '/method',
      message: `method ${incoming.method} is not ${expected.method}`,
      expected: expected.method,
      actual: incoming.method,
    });
  const pathRule = expected.rules.path[0];
  const pathOk = pathRule
    ? new ValueMatcher([{ ...pathRule, path: '$' }]).compare(expected.path, incoming.path).length === 0
    : expected.path === incoming.path;
  if (!pathOk)
    mismatches.push({
      pointer: '/path',
      message: `path ${incoming.path} is not ${expected.path}`,
      expected: expected.path,
      actual: incoming.path,
    });
  const names = new Set(
    [...Object.keys(expected.query), ...Object.keys(incoming.query)].filter((n) => !tokens.isParameter(n)),
  );
  for (const name of names) {
    const rule = expected.rules.query.find((r) => r.path === name);
    const want = expected.query[name];
    const got = incoming.query[name];
    const ok = rule
      ? got !== undefined && new ValueMatcher([{ ...rule, path: '$' }]).compare(want?.[0], got[0]).length === 0
      : JSON.stringify(want) === JSON.stringify(got);
    if (!ok)
      mismatches.push({
        pointer: `/query/${name}`,
        message: `query ${name}=${String(got)} is not ${String(want)}`,
        expected: want,
        actual: got,
      });
  }
  const headers = Object.fromEntries(Object.entries(expected.headers).filter(([n]) => !tokens.isHeader(n)));
  mismatches.push(...matchHeaders(headers, incoming.headers, expected.rules.header));
  if (expected.body !== undefined && expected.body !== null) {
    const want =
      typeof expected.body === 'object' && !Array.isArray(expected.body)
        ? { ...(expected.body as Record<string, unknown>) }
        : expected.body;
    const got =
      typeof incoming.body === 'object' && incoming.body !== null
        ? { ...(incoming.body as Record<string, unknown>) }
        : incoming.body;
    if (typeof want === 'object' && want !== null && typeof got === 'object' && got !== null) {
      delete (want as Record<string, unknown>)[tokens.parameter];
      delete (got as Record<string, unknown>)[tokens.parameter];
    }
    mismatches.push(
      ...new ValueMatcher(expected.rules.body).compare(want, got).map((m) => ({ ...m, pointer: `/body${m.pointer}` })),
    );
  }
  return mismatches;
}

async function readIncoming(request: IncomingMessage): Promise<Incoming> {
  const url = new URL(request.url ?? '/', 'http://stub');
  const query: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) {
    query[k] ??= [];
    query[k].push(v);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body over 1 MiB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = essence(headers['content-type'] ?? '');
  let body: unknown = text === '' ? undefined : text;
  if (text && type === 'application/x-www-form-urlencoded') body = Object.fromEntries(new URLSearchParams(text));
  else if (text && type === 'application/json') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { method: (request.method ?? 'GET').toUpperCase(), path: url.pathname, query, headers, body };
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  const type = headers['content-type'] ?? (typeof body === 'string' ? 'text/plain' : 'application/json');
  const text =
    body === undefined ? '' : typeof body === 'string' && !essence(type).endsWith('json') ? body : JSON.stringify(body);
  response.writeHead(status, { ...headers, 'content-type': type, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * Serves pact interactions to consumers: a request that matches an interaction's request (method,
 * path, query, headers, body, under the pact's request matching rules; token values ignored) gets
 * that interaction's response. Anything else gets HTTP 500 with an ArcGIS error envelope that lists
 * the closest interaction's mismatches.
 *
 * @example
 * const server = createStubServer([await readPact('contracts/pacts/OpsScript-ArcGISEnterpriseAdmin.json')]);
 * server.listen(0, '127.0.0.1');
 */
export function createStubServer(pacts: readonly Pact[], tokens: TokenPlacements = DEFAULT_TOKENS): Server {
  const interactions = pacts.flatMap((pact) => pact.interactions);
  return createServer((request, response) => {
    readIncoming(request).then(
      (incoming) => {
        let closest: { interaction: PactInteraction; mismatches: Mismatch[] } | undefined;
        for (const interaction of interactions) {
          const mismatches = requestMismatches(interaction, incoming, tokens);
          if (mismatches.length === 0) {
            const expected = interaction.response;
            send(
              response,
              expected.status,
              Object.fromEntries(Object.entries(expected.headers).filter(([n]) => n !== 'content-length')),
              expected.body,
            );
            return;
          }
          if (!closest || mismatches.length < closest.mismatches.length) closest = { interaction, mismatches };
        }
        const details = closest
          ? [`closest interaction: ${closest.interaction.description}`, ...closest.mismatches.map((m) => m.message)]
          : [];
        send(
          response,
          500,
          {},
          {
            error: {
              code: 500,
              message: `No interaction in the pacts matches ${incoming.method} ${incoming.path}.`,
              details,
            },
          },
        );
      },
      (error: unknown) =>
        send(
          response,
          400,
          {},
          { error: { code: 400, message: `Unreadable request: ${(error as Error).message}`, details: [] } },
        ),
    );
  });
}
