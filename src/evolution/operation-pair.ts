import type { OpenAPIV3_1 } from 'openapi-types';
import type { OperationModel } from '../spec/model.js';
import type { ChangeCollector, Site } from './collector.js';
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
