import type { OpenAPIV3_1 } from 'openapi-types';

/**
 * The name of each `components.<section>` entry, by object identity. A dereferenced document shares one
 * object for every `$ref` to a component, so a schema met anywhere can be named by the component it is.
 *
 * @example componentNames(contract.document).get(contract.document.components.schemas.Task) // 'Task'
 */
export function componentNames(
  document: OpenAPIV3_1.Document,
  section: 'schemas' | 'examples' | 'requestBodies' | 'responses' = 'schemas',
): WeakMap<object, string> {
  const names = new WeakMap<object, string>();
  const entries = Object.entries((document.components?.[section] ?? {}) as Record<string, unknown>);
  for (const [name, value] of entries) {
    if (typeof value === 'object' && value !== null && !names.has(value)) names.set(value, name);
  }
  return names;
}
