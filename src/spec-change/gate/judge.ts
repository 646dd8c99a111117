import { OperationMatcher } from '../../contract/match.js';
import type { ContractModel, OperationModel } from '../../contract/model.js';
import type { ResourceKind } from '../../contract/roles.js';
import { PactSpecChecker } from '../../pact/check-spec.js';
import type { Pact } from '../../pact/model.js';
import { maskViolationMessage } from '../../redaction/index.js';
import { ContractValidator } from '../../validation/contract-validator.js';
import type { ArtifactDocument, DocumentArtifact, SchemaTarget } from './artifact.js';

/** Whether an artifact holds under one version of the contract, and why not. */
export interface Judgement {
  readonly compatible: boolean;
  /** Why not, most telling first; at most `MAX_REASONS`. */
  readonly reasons: readonly string[];
  /** Documents (or pact interactions) checked. */
  readonly checked: number;
}

/** Reports stay readable: a broken recording of 1,000 tasks names its first reasons, not all of them. */
const MAX_REASONS = 10;

function judgement(reasons: string[], checked: number): Judgement {
  const shown =
    reasons.length > MAX_REASONS
      ? [...reasons.slice(0, MAX_REASONS), `and ${reasons.length - MAX_REASONS} more`]
      : reasons;
  return { compatible: reasons.length === 0, reasons: shown, checked };
}

/**
 * A violation's message, with the value masked when the field is a secret (a recorded token, a
 * password): messages quote values, and a shortened quote would slip past a redactor of whole values.
 */
function reasonOf(label: string, violation: { pointer: string; message: string }): string {
  return `${label}: ${maskViolationMessage(violation.pointer, violation.message)}`;
}

/**
 * Judges artifacts against one version of the contract: documents through the validator, pacts through check-spec.
 *
 * @example new SpecJudge((await loadSpecAt('spec/openapi.yaml')).contract).pact(await readPact('dashboard.json')).compatible
 */
export class SpecJudge {
  private readonly validator: ContractValidator;
  private readonly full: OperationMatcher;
  private readonly relative: OperationMatcher;
  private pactChecker: PactSpecChecker | undefined;

  /**
   * @param pathsFrom the contract whose paths `resource` targets take (the OLD one: the artifacts
   * were made against it, so a path NEW moves or drops breaks them).
   */
  constructor(
    private readonly contract: ContractModel,
    private readonly pathsFrom: ContractModel = contract,
  ) {
    this.validator = ContractValidator.for(contract);
    this.full = new OperationMatcher(contract.operations, { withServerPath: true });
    this.relative = new OperationMatcher(contract.operations);
  }

  /** Every document of the artifact against the schema it must satisfy. */
  documents(artifact: DocumentArtifact): Judgement {
    const reasons: string[] = [];
    for (const document of artifact.documents) reasons.push(...this.check(document));
    return judgement(reasons, artifact.documents.length);
  }

  /** A consumer's pact, through check-spec: compatible when every interaction is. */
  pact(pact: Pact): Judgement {
    this.pactChecker ??= new PactSpecChecker(this.contract, this.validator);
    const verdicts = this.pactChecker.check(pact);
    const reasons = verdicts
      .filter((v) => v.verdict !== 'compatible')
      .map((v) => `${v.interaction}: ${v.reasons[0]?.message ?? v.verdict}`);
    return judgement(reasons, verdicts.length);
  }

  /** Whether a document's target exists in this version (an exchange reaches an operation, a schema is there). */
  reaches(target: SchemaTarget): boolean {
    if (target.kind === 'component') return this.contract.schemas.has(target.name);
    return typeof this.operationFor(target) !== 'string';
  }

  private operationFor(target: SchemaTarget): OperationModel | string {
    if (target.kind === 'response')
      return this.contract.operationsById.get(target.operationId) ?? `the spec has no operation ${target.operationId}`;
    if (target.kind === 'resource') {
      const path = this.resourcePath(target.resource, target.params);
      if (path === undefined) return `the spec has no operation that reads ${target.resource}`;
      return this.operationFor({ ...target, kind: 'exchange', method: 'GET', path });
    }
    if (target.kind === 'exchange') {
      const match = this.full.match(target.method, target.path) ?? this.relative.match(target.method, target.path);
      return match?.operation ?? `the spec has no operation for ${target.method} ${target.path}`;
    }
    return 'unreachable';
  }

  private resourcePath(resource: ResourceKind, params: Readonly<Record<string, string>>): string | undefined {
    const role = { kind: 'read', resource, via: 'get' } as const;
    return this.pathsFrom.roles.read(resource, 'get') ? this.pathsFrom.roles.path(role, params) : undefined;
  }

  private check(document: ArtifactDocument): string[] {
    if (document.unreadable) return [`${document.label}: ${document.unreadable}`];
    const target = document.schema;
    let violations: readonly { pointer: string; message: string }[];
    if (target.kind === 'component') {
      if (!this.contract.schemas.has(target.name)) return [`${document.label}: the spec has no schema ${target.name}`];
      violations = this.validator.forComponent(target.name).validate(document.value).violations;
    } else {
      const operation = this.operationFor(target);
      if (typeof operation === 'string') return [`${document.label}: ${operation}`];
      violations = this.validator.validateResponse(
        operation,
        target.status,
        target.mediaType,
        document.value,
      ).violations;
    }
    return violations.map((v) => reasonOf(document.label, v));
  }
}
