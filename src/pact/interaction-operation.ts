import type { OperationMatch, OperationMatcher } from '../contract/match.js';
import type { PactRequest } from './model.js';

/**
 * The spec operation a pact request calls. Pact paths are usually full (`/arcgis/admin/system/tasks`);
 * paths relative to the admin root (`/system/tasks`) are accepted too.
 */
export function operationForRequest(
  request: PactRequest,
  matchers: { full: OperationMatcher; relative: OperationMatcher },
): OperationMatch | undefined {
  return matchers.full.match(request.method, request.path) ?? matchers.relative.match(request.method, request.path);
}

/** The methods the spec allows on the request's path, full or relative; empty when the path is unknown. */
export function allowedMethodsForRequest(
  request: PactRequest,
  matchers: { full: OperationMatcher; relative: OperationMatcher },
): string[] {
  const full = matchers.full.allowedMethods(request.path);
  return (full.length > 0 ? full : matchers.relative.allowedMethods(request.path)).map((m) => m.toUpperCase());
}
