import { type RecordedRequest, TOKEN_TRANSPORTS, type TokenTransport } from '../mock/index.js';

/** What `toHaveReceived(operationId, options)` also asks of the requests it counts; all optional. */
export interface ReceivedOptions {
  /** Exactly this many matching requests (0 for none); without it, at least one. */
  readonly times?: number;
  /** The task in the path. */
  readonly taskId?: string;
  /** The run in the path. */
  readonly runId?: string;
  /** The HTTP method (any case); the reads take GET and POST. */
  readonly method?: string;
  /** Arrived at or after this instant of the mock's clock (ISO-8601, a Date or epoch ms). */
  readonly since?: string | Date | number;
  /** Where the token travelled: 'form', 'query', 'x-esri-authorization', 'authorization' or 'none'. */
  readonly token?: TokenTransport;
  /** The HTTP status sent. */
  readonly status?: number;
  /** The ArcGIS error code sent (null: a success). */
  readonly errorCode?: number | null;
  /** Form fields with these values (secrets read `********`). */
  readonly form?: Readonly<Record<string, string>>;
  /** Query fields with these values. */
  readonly query?: Readonly<Record<string, string>>;
}

const NAMES = ['times', 'taskId', 'runId', 'method', 'since', 'token', 'status', 'errorCode', 'form', 'query'];

/** Throws a TypeError naming the first option that cannot be right. */
export function checkReceivedOptions(options: ReceivedOptions): void {
  for (const name of Object.keys(options)) {
    if (!NAMES.includes(name))
      throw new TypeError(`toHaveReceived: "${name}" is not an option; use ${NAMES.join(', ')}.`);
  }
  const { times, token } = options;
  if (times !== undefined && !(Number.isInteger(times) && times >= 0))
    throw new TypeError(`toHaveReceived: times must be a whole number >= 0, got ${times}.`);
  if (token !== undefined && !TOKEN_TRANSPORTS.includes(token))
    throw new TypeError(`toHaveReceived: token must be one of ${TOKEN_TRANSPORTS.join(', ')}, got "${token}".`);
}

const fieldsDiffer = (wanted: Readonly<Record<string, string>> | undefined, got: Readonly<Record<string, string>>) =>
  wanted === undefined ? [] : Object.keys(wanted).filter((name) => got[name] !== wanted[name]);

/**
 * How a request of the right operation (and task, method, time) falls short of the other options,
 * in words; empty when it does not.
 */
export function shortfalls(entry: RecordedRequest, options: ReceivedOptions): string[] {
  const found: string[] = [];
  if (options.runId !== undefined && entry.pathParams['runId'] !== options.runId)
    found.push(`run ${entry.pathParams['runId'] ?? 'none'}`);
  if (options.token !== undefined && entry.token !== options.token) found.push(`token: ${entry.token}`);
  if (options.status !== undefined && entry.status !== options.status) found.push(`status ${entry.status}`);
  if (options.errorCode !== undefined && entry.errorCode !== options.errorCode)
    found.push(`error code ${entry.errorCode}`);
  for (const name of fieldsDiffer(options.form, entry.form))
    found.push(`form ${name}=${JSON.stringify(entry.form[name] ?? null)}`);
  for (const name of fieldsDiffer(options.query, entry.query))
    found.push(`query ${name}=${JSON.stringify(entry.query[name] ?? null)}`);
  return found;
}

/** The expectation in words: `disableTask with taskId "abc", token in form`. */
export function describeExpectation(operationId: string, options: ReceivedOptions): string {
  const parts: string[] = [];
  if (options.taskId !== undefined) parts.push(`taskId "${options.taskId}"`);
  if (options.runId !== undefined) parts.push(`runId "${options.runId}"`);
  if (options.method !== undefined) parts.push(`method ${options.method.toUpperCase()}`);
  if (options.since !== undefined) parts.push(`since ${String(options.since)}`);
  if (options.token !== undefined) parts.push(`token: ${options.token}`);
  if (options.status !== undefined) parts.push(`status ${options.status}`);
  if (options.errorCode !== undefined) parts.push(`error code ${options.errorCode}`);
  if (options.form !== undefined) parts.push(`form ${JSON.stringify(options.form)}`);
  if (options.query !== undefined) parts.push(`query ${JSON.stringify(options.query)}`);
  return parts.length > 0 ? `${operationId} with ${parts.join(', ')}` : operationId;
}
