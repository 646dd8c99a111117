import type { Response } from 'supertest';
import type { Exchange, RequestSpec } from '../../src/http/exchange.js';
import { parseJsonBody } from '../../src/http/transport.js';
import { endpointName } from '../../src/runner/api-map.js';
import { selectChecks } from '../../src/runner/checks/registry.js';
import type { ExchangeContext, Purpose } from '../../src/runner/checks/types.js';
import type { OperationModel } from '../../src/spec/model.js';
import type { ContractValidator } from '../../src/validation/contract-validator.js';

/** A supertest response as the checks see it. */
export function exchangeOf(request: RequestSpec, response: Response, wantsJson: boolean): Exchange {
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
  readonly exchange: Exchange;
  readonly operation: OperationModel;
  readonly kind: ExchangeContext['kind'];
  readonly purpose: Purpose;
  readonly format: string;
  readonly validator: ContractValidator;
  readonly expectedTask?: unknown;
}

/**
 * Runs every exchange check of the registry that applies to one answer, the way `tasks-contract
 * verify` does, and returns its failing findings as lines (empty when the answer conforms).
 */
export function judge(input: JudgeInput): string[] {
  const context: ExchangeContext = { ...input, sentSecrets: [], onSecret: () => {} };
  const problems: string[] = [];
  for (const check of selectChecks().exchange) {
    if (check.name !== 'transport' && input.exchange.fault) continue;
    if (!check.appliesTo(context)) continue;
    for (const draft of check.run(context)) {
      if (draft.severity === 'warning') continue;
      problems.push(`[${check.name}] ${endpointName(input.operation)} ${draft.pointer ?? ''} ${draft.message}`);
    }
  }
  return problems;
}
