import type { OpenAPIV3_1 } from 'openapi-types';
import type { ContractModel, OperationModel } from '../../contract/model.js';
import { rawDocument } from '../../contract/raw-document.js';
import type { SeverityOverride, SpecChange } from './change.js';
import { ChangeCollector } from './collector.js';
import { componentNames } from './component-names.js';
import type { OperationPair } from './operation-pair.js';
import { RULES_BY_ID } from './rules/index.js';
import { diffOperation, reportAdded, reportRemoved } from './rules/operations.js';
import { diffParameters } from './rules/parameters.js';
import { diffRequestBodies } from './rules/request-bodies.js';
import { diffResponses } from './rules/responses.js';
import { diffSecurity } from './rules/security.js';
import { SchemaDiffer, type SchemaSide } from './schema-diff.js';

/** Options of a diff: severities by rule id (`off` drops a rule). */
export interface DiffOptions {
  readonly severity?: Readonly<Record<string, SeverityOverride>>;
}

/** The operation families, in the order their changes read best. */
const OPERATION_FAMILIES: readonly ((pair: OperationPair) => void)[] = [
  diffOperation,
  diffSecurity,
  diffParameters,
  diffRequestBodies,
  diffResponses,
];

/** An operation's identity across versions: its method and path, with path parameter names left out. */
function operationKey(operation: OperationModel): string {
  return `${operation.method} ${operation.pathTemplate.replace(/\{[^}]+\}/g, '{}')}`;
}

function side(document: OpenAPIV3_1.Document): SchemaSide {
  const schemas = (document.components?.schemas ?? {}) as Record<string, unknown>;
  return {
    names: componentNames(document),
    resolve: (ref) => {
      const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
      return match ? schemas[decodeURIComponent(match[1]!).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    },
  };
}

/**
 * Classifies every change between two contracts: operations, parameters, request bodies and responses
 * added or removed; types narrowed or widened; enum values; required fields; `additionalProperties`;
 * discriminators; patterns, formats and bounds; security. A change to a shared schema is one change
 * that lists every operation it reaches, on each side (request, response) where it matters.
 *
 * @example
 * const changes = diffContracts(await loadContract('old.yaml'), await loadContract('new.yaml'));
 * changes.filter((c) => c.classification === 'breaking-for-clients');
 */
export function diffContracts(before: ContractModel, after: ContractModel, options: DiffOptions = {}): SpecChange[] {
  const collector = new ChangeCollector(RULES_BY_ID, options.severity);
  const oldDocument = rawDocument(before);
  const newDocument = rawDocument(after);
  const schemas = new SchemaDiffer(side(oldDocument), side(newDocument), collector);
  const newOperations = new Map(after.operations.map((operation) => [operationKey(operation), operation]));
  const matched = new Set<string>();
  for (const operation of before.operations) {
    const key = operationKey(operation);
    const counterpart = newOperations.get(key);
    if (!counterpart) {
      reportRemoved(collector, oldDocument, operation);
      continue;
    }
    matched.add(key);
    const pair: OperationPair = {
      old: operation,
      new: counterpart,
      oldDocument,
      newDocument,
      collector,
      schemas,
    };
    for (const family of OPERATION_FAMILIES) family(pair);
  }
  for (const [key, operation] of newOperations) if (!matched.has(key)) reportAdded(collector, operation);
  return collector.changes();
}
