import { DEFAULT_TOKENS, type TokenPlacements } from '../contract/tokens.js';
import type { ResponseData } from '../http/exchange.js';
import { Transport } from '../http/transport.js';
import { essence } from '../validation/media-type.js';
import { matchHeaders } from './header-match.js';
import { type Mismatch, ValueMatcher } from './match-value.js';
import type { Pact, PactInteraction, PactRequest } from './model.js';

/** Sets up provider states before an interaction is replayed; returns values for ProviderState generators. */
export interface StateHandler {
  setUp(
    interaction: PactInteraction,
  ): Promise<{ values: Readonly<Record<string, unknown>>; warnings: readonly string[] }>;
}

/** A provider that did not answer at all (connection refused, timeout...): exit code 3 in the CLI. */
export class ProviderUnreachableError extends Error {
  override readonly name = 'ProviderUnreachableError';
}

export interface ReplayOptions {
  /** The provider's root (pact paths are full: `/arcgis/admin/...`); for relative pact paths, the admin root. */
  readonly baseUrl: string;
  /** Replaces the pact's token wherever it travels (query, form body, Authorization headers). */
  readonly token?: string;
  /** Where tokens travel: the contract's (`contract.tokens`); default the bundled spec's. */
  readonly tokens?: TokenPlacements;
  /** Per request; default 10 s. Ignored when `transport` is given (it has its own). */
  readonly timeoutMs?: number;
  readonly states?: StateHandler;
  /** The transport to replay over; by default `replayPacts` opens one (timeout, body cap) and closes it. */
  readonly transport?: Transport;
  /** Called after each interaction: how many are replayed, of how many. */
  readonly onProgress?: (progress: { done: number; total: number }) => void;
}

export type ReplayStatus = 'passed' | 'failed' | 'error';

export interface ReplayResult {
  readonly pact: string;
  readonly consumer: string;
  readonly provider: string;
  readonly interaction: string;
  readonly request: string;
  readonly status: ReplayStatus;
  /** A pending interaction (v4) that failed: reported, but it does not fail the run. */
  readonly pending: boolean;
  readonly mismatches: readonly Mismatch[];
  readonly warnings: readonly string[];
  readonly error?: string;
}

function fromProviderState(expression: string, values: Readonly<Record<string, unknown>>): string {
  return expression.replace(/\$\{([^}]+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** The request with ProviderState generators applied and the token replaced. */
function concreteRequest(
  request: PactRequest,
  values: Readonly<Record<string, unknown>>,
  token: string | undefined,
  tokens: TokenPlacements,
) {
  const generated = (category: string, key: string): string | undefined => {
    const generator = request.generators[category]?.[key] as { type?: string; expression?: string } | undefined;
    return generator?.type === 'ProviderState' && generator.expression
      ? fromProviderState(generator.expression, values)
      : undefined;
  };
  const pathGenerator = request.generators['path'] as { type?: string; expression?: string } | undefined;
  const path =
    pathGenerator?.type === 'ProviderState' && pathGenerator.expression
      ? fromProviderState(pathGenerator.expression, values)
      : request.path;
  const query = new URLSearchParams();
  for (const [name, list] of Object.entries(request.query)) {
    const value = tokens.isParameter(name) && token ? token : generated('query', name);
    for (const item of value !== undefined ? [value] : list) query.append(name, item);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'content-length' || name === 'host') continue;
    headers[name] =
      tokens.isHeader(name) && token ? tokens.headerValue(name, token) : (generated('header', name) ?? value);
  }
  let body: string | undefined;
  if (request.body !== undefined && request.body !== null) {
    if (
      essence(request.contentType ?? '') === 'application/x-www-form-urlencoded' &&
      typeof request.body === 'object'
    ) {
      const fields = { ...(request.body as Record<string, string>) };
      if (token && tokens.parameter in fields) fields[tokens.parameter] = token;
      body = new URLSearchParams(fields).toString();
    } else {
      body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    }
  }
  return { path, query: query.toString(), headers, body };
}

function readBody(response: ResponseData): { value: unknown; parseError?: string } {
  const text = response.text;
  const type = essence(response.contentType);
  if (type === 'application/json' || type.endsWith('+json') || (type === 'text/plain' && /^[[{]/.test(text.trim()))) {
    try {
      return { value: JSON.parse(text) };
    } catch (error) {
      return { value: text, parseError: (error as Error).message };
    }
  }
  return { value: text };
}

/** Response headers as one text each (a repeated header is joined with `, `, as fetch does). */
function headerTexts(headers: ResponseData['headers']): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) texts[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return texts;
}

/** Replays one interaction over `transport` and applies the pact's matching rules to what comes back. */
async function replayInteraction(
  pact: Pact,
  interaction: PactInteraction,
  options: ReplayOptions & { readonly transport: Transport },
): Promise<ReplayResult> {
  const base = {
    pact: pact.file,
    consumer: pact.consumer,
    provider: pact.provider,
    interaction: interaction.description,
    request: `${interaction.request.method} ${interaction.request.path}`,
    pending: interaction.pending,
  };
  let warnings: readonly string[] = [];
  let values: Readonly<Record<string, unknown>> = {};
  if (options.states && interaction.providerStates.length > 0) {
    try {
      ({ values, warnings } = await options.states.setUp(interaction));
    } catch (error) {
      const message = (error as Error).message;
      // a provider that does not answer its state set-up does not answer at all (exit 3 in the CLI)
      const reason =
        error instanceof ProviderUnreachableError
          ? `the provider did not answer: ${message}`
          : `provider state set-up failed: ${message}`;
      return { ...base, status: 'error', mismatches: [], warnings, error: reason };
    }
  }
  const request = concreteRequest(interaction.request, values, options.token, options.tokens ?? DEFAULT_TOKENS);
  const url = `${options.baseUrl.replace(/\/+$/, '')}${request.path}${request.query ? `?${request.query}` : ''}`;
  const { response, fault } = await options.transport.sendRaw({
    method: interaction.request.method,
    url,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  if (!response) {
    const reason = `the provider did not answer: ${fault?.message ?? 'no response'}`;
    return { ...base, status: 'error', mismatches: [], warnings, error: reason };
  }
  const expected = interaction.response;
  const mismatches: Mismatch[] = [];
  if (response.status !== expected.status) {
    mismatches.push({
      pointer: '/status',
      message: `status must be ${expected.status}; got ${response.status}`,
      expected: expected.status,
      actual: response.status,
    });
  }
  mismatches.push(...matchHeaders(expected.headers, headerTexts(response.headers), expected.rules.header));
  const { value, parseError } = readBody(response);
  if (expected.body !== undefined) {
    if (parseError) {
      mismatches.push({
        pointer: '/body',
        message: `body is not JSON: ${parseError}`,
        expected: 'JSON',
        actual: String(value).slice(0, 80),
      });
    } else {
      const body = new ValueMatcher(expected.rules.body).compare(expected.body, value);
      mismatches.push(...body.map((m) => ({ ...m, pointer: `/body${m.pointer}`, message: `body ${m.message}` })));
    }
  }
  return { ...base, status: mismatches.length === 0 ? 'passed' : 'failed', mismatches, warnings };
}

/**
 * Replays every interaction of the pacts in order (provider states are set up per interaction).
 *
 * @example
 * const results = await replayPacts([await readPact('contracts/pacts/OpsScript-ArcGISEnterpriseAdmin.json')], { baseUrl: mock.url, token });
 */
export async function replayPacts(pacts: readonly Pact[], options: ReplayOptions): Promise<ReplayResult[]> {
  const transport = options.transport ?? new Transport({ timeoutMs: options.timeoutMs ?? 10_000, maxSockets: 1 });
  try {
    const results: ReplayResult[] = [];
    const total = pacts.reduce((n, pact) => n + pact.interactions.length, 0);
    for (const pact of pacts) {
      for (const interaction of pact.interactions) {
        results.push(await replayInteraction(pact, interaction, { ...options, transport }));
        options.onProgress?.({ done: results.length, total });
      }
    }
    return results;
  } finally {
    if (!options.transport) transport.close();
  }
}
