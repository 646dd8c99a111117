import { OperationMatcher } from '../contract/match.js';
import type { ContractModel } from '../contract/model.js';
import type { ContractValidator } from '../validation/contract-validator.js';
import { matchMediaType } from '../validation/media-type.js';
import type { Violation } from '../validation/violation.js';
import { allowedMethodsForRequest, operationForRequest } from './interaction-operation.js';
import { ValueMatcher } from './match-value.js';
import type { Pact, PactInteraction } from './model.js';
import { parsePathExpression } from './path-expression.js';

export type Compatibility = 'compatible' | 'incompatible' | 'not-covered';

/** Why an interaction is not compatible, or what looks doubtful about it. */
export interface Reason {
  readonly part: 'request' | 'response' | 'matching-rule';
  readonly pointer: string;
  readonly message: string;
}

export interface InteractionVerdict {
  readonly pact: string;
  readonly consumer: string;
  readonly provider: string;
  readonly interaction: string;
  readonly request: string;
  readonly operationId: string | undefined;
  readonly verdict: Compatibility;
  readonly reasons: readonly Reason[];
  readonly warnings: readonly Reason[];
}

/** Schema keywords about the value, not its type or shape: a type matcher lets the provider send another value. */
const VALUE_KEYWORDS = new Set([
  'pattern',
  'enum',
  'const',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'multipleOf',
]);
/** Keywords about fields the consumer did not mention: pact bodies are partial, the provider may send more. */
const PARTIAL_BODY_KEYWORDS = new Set(['required']);

function pathOf(pointer: string, body: unknown): (string | number)[] {
  const steps: (string | number)[] = [];
  let node: unknown = body;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step = Array.isArray(node) && /^\d+$/.test(token) ? Number(token) : token;
    steps.push(step);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step as string] : undefined;
  }
  return steps;
}

/**
 * Checks each interaction of a pact against the contract: its request must match an operation the
 * spec has (method, path, query, headers, form body), and its expected response must be one the
 * spec allows for it (status, media type, body), given the pact's matching rules: a value the spec
 * rejects is tolerated only where a type matcher lets the provider send another, valid value.
 */
export class PactSpecChecker {
  private readonly matchers: { full: OperationMatcher; relative: OperationMatcher };

  constructor(
    contract: ContractModel,
    private readonly validator: ContractValidator,
  ) {
    this.matchers = {
      full: new OperationMatcher(contract.operations, { withServerPath: true }),
      relative: new OperationMatcher(contract.operations),
    };
  }

  check(pact: Pact): InteractionVerdict[] {
    return pact.interactions.map((interaction) => this.checkInteraction(pact, interaction));
  }

  private checkInteraction(pact: Pact, interaction: PactInteraction): InteractionVerdict {
    const { request, response } = interaction;
    const base = {
      pact: pact.file,
      consumer: pact.consumer,
      provider: pact.provider,
      interaction: interaction.description,
      request: `${request.method} ${request.path}`,
    };
    const match = operationForRequest(request, this.matchers);
    if (!match) {
      const allowed = allowedMethodsForRequest(request, this.matchers);
      const message =
        allowed.length > 0
          ? `the spec has no ${request.method} on ${request.path} (it allows ${allowed.join(', ')})`
          : `the spec has no path matching ${request.path}`;
      return {
        ...base,
        operationId: undefined,
        verdict: 'not-covered',
        reasons: [{ part: 'request', pointer: '', message }],
        warnings: [],
      };
    }
    const { operation, pathParams } = match;
    const reasons: Reason[] = [];
    const warnings: Reason[] = [];

    const query = Object.fromEntries(Object.entries(request.query).map(([k, v]) => [k, v[0] ?? '']));
    const requestResult = this.validator.validateRequest(operation, {
      pathParams,
      query,
      headers: request.headers,
      contentType: request.contentType,
      body: request.body,
    });
    reasons.push(
      ...requestResult.violations.map((v) => ({
        part: 'request' as const,
        pointer: v.pointer,
        message: `request ${v.message}`,
      })),
    );

    for (const rule of [...response.rules.body, ...request.rules.body]) {
      if (!parsePathExpression(rule.path))
        reasons.push({
          part: 'matching-rule',
          pointer: '',
          message: `matching rule path ${rule.path} is not a valid path expression`,
        });
    }
    const valueMatcher = new ValueMatcher(response.rules.body);
    for (const mismatch of valueMatcher.compare(response.body, response.body)) {
      reasons.push({
        part: 'matching-rule',
        pointer: mismatch.pointer,
        message: `the pact's own example breaks its matching rule: ${mismatch.message}`,
      });
    }

    const documented = this.validator.responseFor(operation, response.status);
    if (!documented) {
      reasons.push({
        part: 'response',
        pointer: '',
        message: `status ${response.status} is not documented for ${operation.operationId} (documented: ${[...operation.responses.keys()].join(', ')})`,
      });
    } else if (response.body !== undefined && response.body !== null && response.body !== '') {
      const mediaType = response.contentType ?? (typeof response.body === 'string' ? 'text/plain' : 'application/json');
      if (documented.content.size > 0 && !matchMediaType(documented.content.keys(), mediaType)) {
        reasons.push({
          part: 'response',
          pointer: '',
          message: `media type ${mediaType} is not documented for ${operation.operationId} ${response.status} (documented: ${[...documented.content.keys()].join(', ')})`,
        });
      } else {
        const result = this.validator.validateResponse(operation, response.status, mediaType, response.body);
        for (const violation of result.violations)
          this.judge(violation, response.body, valueMatcher, reasons, warnings);
      }
    }
    const verdict: Compatibility = reasons.length > 0 ? 'incompatible' : 'compatible';
    return { ...base, operationId: operation.operationId, verdict, reasons, warnings };
  }

  /** Sorts a schema violation of the expected body into a reason, a warning, or nothing (a partial body). */
  private judge(
    violation: Violation,
    body: unknown,
    valueMatcher: ValueMatcher,
    reasons: Reason[],
    warnings: Reason[],
  ): void {
    if (PARTIAL_BODY_KEYWORDS.has(violation.keyword)) return;
    const governing = valueMatcher.governing(pathOf(violation.pointer, body));
    const typeOnly = governing?.matchers.every((m) =>
      ['type', 'min', 'max', 'minType', 'maxType', 'notEmpty'].includes(m.match),
    );
    if (VALUE_KEYWORDS.has(violation.keyword) && typeOnly) {
      warnings.push({
        part: 'response',
        pointer: violation.pointer,
        message: `the example is not a value the spec allows, but the type matcher lets the provider send a valid one: ${violation.message}`,
      });
      return;
    }
    const regex = governing?.matchers.find((m) => m.match === 'regex');
    const message =
      violation.keyword === 'unevaluatedProperties' || violation.keyword === 'additionalProperties'
        ? `the spec has no such field: ${violation.message}`
        : regex && VALUE_KEYWORDS.has(violation.keyword)
          ? `no response the spec allows can match regex /${String(regex['regex'])}/: ${violation.message}`
          : `the spec does not allow the expected value: ${violation.message}`;
    reasons.push({ part: 'response', pointer: violation.pointer, message });
  }
}

/** One row of the can-i-deploy answer: may this consumer's pact be deployed against this spec version? */
export interface CompatibilityRow {
  readonly consumer: string;
  readonly provider: string;
  readonly specVersion: string;
  readonly pact: string;
  readonly compatible: boolean;
  readonly counts: Readonly<Record<Compatibility, number>>;
}

/** Consumer x spec version: compatible only when every interaction is (one not covered by the spec is not). */
export function compatibilityMatrix(verdicts: readonly InteractionVerdict[], specVersion: string): CompatibilityRow[] {
  const byPact = new Map<string, InteractionVerdict[]>();
  for (const verdict of verdicts) byPact.set(verdict.pact, [...(byPact.get(verdict.pact) ?? []), verdict]);
  return [...byPact.entries()].map(([pact, list]) => {
    const counts = { compatible: 0, incompatible: 0, 'not-covered': 0 };
    for (const v of list) counts[v.verdict] += 1;
    return {
      consumer: list[0]!.consumer,
      provider: list[0]!.provider,
      specVersion,
      pact,
      compatible: counts.compatible === list.length,
      counts,
    };
  });
}
