import { INPUT_LIMITS, InputError, parseJsonText } from '../input/index.js';
import { createAjv } from '../validation/ajv-instance.js';
import type { VerifyOutcome } from '../verify/outcome.js';
import { JSON_REPORT_VERSION } from './json.js';

/** A JSON report that cannot be read back: the message is one line, naming the file. */
export class JsonReportError extends Error {
  override readonly name = 'JsonReportError';
}

// counts past the limit are refused: a tampered `count: 1e9` must not size anything
const count = { type: 'integer', minimum: 0, maximum: INPUT_LIMITS.reportCount.value } as const;
const shardNumber = { type: 'integer', minimum: 1, maximum: INPUT_LIMITS.shardCount.value } as const;
const text = { type: 'string' } as const;

/** What `report merge` needs of a verify JSON report (`jsonReport`), as a JSON Schema. */
export const VERIFY_JSON_REPORT_SCHEMA = {
  type: 'object',
  required: ['version', 'meta', 'tally', 'findings', 'errors', 'unreachable'],
  properties: {
    version: { const: JSON_REPORT_VERSION },
    unreachable: { type: 'boolean' },
    meta: {
      type: 'object',
      required: [
        'tool',
        'baseUrl',
        'spec',
        'specDigest',
        'embeddedMock',
        'startedAt',
        'finishedAt',
        'durationMs',
        'shard',
        'allowWrites',
        'concurrency',
        'timeoutMs',
        'checks',
        'requests',
        'answered',
        'tasks',
        'runs',
      ],
      properties: {
        tool: { const: 'tasks-contract verify' },
        baseUrl: text,
        spec: text,
        specDigest: text,
        embeddedMock: { type: 'boolean' },
        startedAt: text,
        finishedAt: text,
        durationMs: { type: 'number' },
        shard: {
          type: 'object',
          required: ['index', 'count'],
          properties: { index: shardNumber, count: shardNumber },
        },
        allowWrites: { type: 'boolean' },
        concurrency: count,
        timeoutMs: { type: 'number' },
        checks: { type: 'array', items: text },
        requests: count,
        answered: count,
        tasks: count,
        runs: count,
      },
    },
    tally: {
      type: 'array',
      items: {
        type: 'object',
        required: ['endpoint', 'check', 'passed', 'failed', 'warned'],
        properties: { endpoint: text, check: text, passed: count, failed: count, warned: count },
      },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['check', 'severity', 'endpoint', 'url', 'pointer', 'message', 'curl'],
        properties: {
          check: text,
          severity: { enum: ['error', 'warning', 'security'] },
          endpoint: text,
          url: text,
          pointer: text,
          message: text,
          curl: text,
        },
      },
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['check', 'endpoint', 'message'],
        properties: { check: text, endpoint: text, message: text },
      },
    },
  },
} as const;

/** Counts the schema cannot relate: a shard past the shard count, more answers than requests, failures without findings. */
function assertPlausible(report: VerifyOutcome, file: string): void {
  const { meta } = report;
  const implausible = (why: string) =>
    new JsonReportError(`${file} is not a plausible verify JSON report: ${why}; was it edited?`);
  if (meta.shard.index > meta.shard.count) throw implausible(`it is shard ${meta.shard.index} of ${meta.shard.count}`);
  if (meta.answered > meta.requests) throw implausible(`${meta.answered} requests answered of ${meta.requests} sent`);
  // every failed or warned verdict of the tally pushed at least one finding (verify/engine.ts)
  const failed = report.tally.reduce((sum, row) => sum + row.failed + row.warned, 0);
  if (failed > report.findings.length)
    throw implausible(`its tally counts ${failed} failures but it lists ${report.findings.length} findings`);
}

let validate: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/**
 * Reads back a verify JSON report (what `--report json:FILE` wrote) as the run's outcome. Anything
 * else (not JSON, a pact report, another version) is a `JsonReportError` that says which and why.
 *
 * @example const outcome = parseVerifyJsonReport(readFileSync('shard-1.json', 'utf8'), 'shard-1.json');
 */
export function parseVerifyJsonReport(content: string, file: string): VerifyOutcome {
  let value: unknown;
  try {
    value = parseJsonText(content, { label: file });
  } catch (error) {
    if (error instanceof InputError) throw new JsonReportError(error.message);
    throw error;
  }
  const record = value as { command?: unknown; version?: unknown } | null;
  if (typeof record?.command === 'string' && record.command.startsWith('pact'))
    throw new JsonReportError(`${file} is a ${record.command} report; only verify reports can be merged`);
  validate ??= createAjv({ detailed: true }).compile(VERIFY_JSON_REPORT_SCHEMA);
  if (!validate(value)) {
    const first = validate.errors?.[0];
    const where = first?.instancePath || '(the document)';
    const why =
      first?.instancePath === '/version'
        ? `it is version ${JSON.stringify(record?.version)}, this tasks-contract reads version ${JSON_REPORT_VERSION}`
        : `${where} ${first?.message ?? 'is not as expected'}`;
    throw new JsonReportError(`${file} is not a tasks-contract verify JSON report: ${why}`);
  }
  const report = value as VerifyOutcome & { version: number };
  assertPlausible(report, file);
  return {
    meta: report.meta,
    findings: report.findings,
    errors: report.errors,
    tally: report.tally,
    unreachable: report.unreachable,
  };
}
