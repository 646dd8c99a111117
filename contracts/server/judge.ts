import type { Response } from 'supertest';
import type { OperationModel } from '../../src/contract/model.js';
import type { RequestSpec, RoundTrip } from '../../src/http/exchange.js';
import { parseJsonBody } from '../../src/http/transport.js';
import type { ContractValidator } from '../../src/validation/contract-validator.js';
import { endpointName } from '../../src/verify/api-map.js';
import { selectChecks } from '../../src/verify/checks/registry.js';
import type { ExchangeContext, Purpose } from '../../src/verify/checks/types.js';

/** A supertest response as the checks see it. */
export function exchangeOf(request: RequestSpec, response: Response, wantsJson: boolean): RoundTrip {
  const data = {
    status: response.status,
    contentType: String(response.headers['content-type'] ?? ''),
    headers: response.headers as Record<string, string>,
    text: response.text ?? '',
  };
  const { json, fault } = wantsJson ? parseJsonBody(data) : { json: undefined, fault: undefined };
  return { request, response: data, fault, json, durationMs: 0 };
}

export interface JudgeInput {
  readonly exchange: RoundTrip;
  readonly operation: OperationModel;
  readonly kind: ExchangeContext['kind'];
  readonly purpose: Purpose;
  readonly format: string;
  readonly validator: ContractValidator;
  readonly expectedTask?: unknown;
}

/**
 * The checks that must judge each kind of answer, written out: a check that stops applying (a
 * changed `appliesTo`, a renamed check) is reported as not run instead of silently passing.
 */
const EXPECTED_CHECKS: Readonly<Record<string, readonly string[]>> = {
  'read json': [
    'transport',
    'http-status',
    'content-type',
    'error-envelope',
    'response-schema',
    'invariants',
    'secrets',
  ],
  'read pjson': ['transport', 'http-status', 'content-type', 'error-envelope'],
  'html html': ['transport', 'http-status', 'secrets', 'html-is-html'],
  'no-token json': ['transport', 'secrets', 'auth-required'],
  'bad-token json': ['transport', 'secrets', 'auth-invalid'],
};

/**
 * Runs every exchange check of the registry that applies to one answer, the way `tasks-contract
 * verify` does, and returns its failing findings as lines (empty when the answer conforms), plus
 * one line for each expected check that did not run.
 */
export function judge(input: JudgeInput): string[] {
  const context: ExchangeContext = { ...input, sentSecrets: [], onSecret: () => {} };
  const problems: string[] = [];
  const expected = EXPECTED_CHECKS[`${input.purpose} ${input.format}`];
  if (!expected) return [`no checks are expected for a ${input.purpose} answer in f=${input.format}`];
  const ran: string[] = [];
  for (const check of selectChecks().exchange) {
    if (check.name !== 'transport' && input.exchange.fault) continue;
    if (!check.appliesTo(context)) continue;
    ran.push(check.name);
    for (const draft of check.run(context)) {
      if (draft.severity === 'warning') continue;
      problems.push(`[${check.name}] ${endpointName(input.operation)} ${draft.pointer ?? ''} ${draft.message}`);
    }
  }
  for (const name of expected)
    if (!ran.includes(name)) problems.push(`[${name}] ${endpointName(input.operation)} did not run`);
  for (const name of ran)
    if (!expected.includes(name)) problems.push(`[${name}] ${endpointName(input.operation)} ran unexpectedly`);
  return problems;
}
