import type { OpenAPIV3_1 } from 'openapi-types';
import type { OperationModel } from '../../contract/model.js';
import type { ChangeCollector, Site } from './collector.js';
import { componentNames } from './component-names.js';
import type { SchemaDiffer } from './schema-diff.js';

/** One operation in OLD and in NEW (the same method and path), with what the rule families need. */
export interface OperationPair {
  readonly old: OperationModel;
  readonly new: OperationModel;
  readonly oldDocument: OpenAPIV3_1.Document;
  readonly newDocument: OpenAPIV3_1.Document;
  readonly collector: ChangeCollector;
  readonly schemas: SchemaDiffer;
}

/** The site of an operation-level change: the operation itself. */
export function operationSite(operation: OperationModel, where = operationLabel(operation), location = where): Site {
  return { operation: operation.operationId, where, pointer: '', location };
}

/** `GET /system/tasks/{taskId}`. */
export function operationLabel(operation: OperationModel): string {
  return `${operation.method.toUpperCase()} ${operation.pathTemplate}`;
}

const sectionNames = new WeakMap<object, Map<string, WeakMap<object, string>>>();

/**
 * The component an operation's request body or response is (`requestBodies.ResourceForm`,
 * `responses.Task`), so that a change to a shared one is one change; undefined when it is inline.
 */
export function componentOf(
  document: OpenAPIV3_1.Document,
  operation: OperationModel,
  section: 'requestBodies' | 'responses',
  status?: string,
): string | undefined {
  const item = document.paths?.[operation.pathTemplate] as Record<string, Record<string, unknown>> | undefined;
  const raw = item?.[operation.method];
  const part =
    section === 'requestBodies'
      ? raw?.['requestBody']
      : (raw?.['responses'] as Record<string, unknown>)?.[status ?? ''];
  if (typeof part !== 'object' || part === null) return undefined;
  let bySection = sectionNames.get(document);
  if (!bySection) {
    bySection = new Map();
    sectionNames.set(document, bySection);
  }
  let names = bySection.get(section);
  if (!names) {
    names = componentNames(document, section);
    bySection.set(section, names);
  }
  const name = names.get(part);
  return name === undefined ? undefined : `${section}.${name}`;
}
