import type { OpenAPIV3_1 } from 'openapi-types';
import {
  HTTP_METHODS,
  type HttpMethod,
  type JsonSchema,
  type MediaTypeModel,
  type OperationModel,
  type ParameterModel,
  type RequestBodyModel,
  type ResponseModel,
} from './model.js';
import { roleOf } from './roles.js';

type Dereferenced<T> = Exclude<T, OpenAPIV3_1.ReferenceObject>;

function mediaTypes(content: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined): Map<string, MediaTypeModel> {
  const result = new Map<string, MediaTypeModel>();
  for (const [mediaType, media] of Object.entries(content ?? {})) {
    const examples = new Map<string, unknown>();
    if (media.example !== undefined) examples.set('default', media.example);
    for (const [name, example] of Object.entries(media.examples ?? {})) {
      const value = (example as Dereferenced<typeof example>).value;
      if (value !== undefined) examples.set(name, value);
    }
    result.set(mediaType, { mediaType, schema: media.schema as JsonSchema | undefined, examples });
  }
  return result;
}

function parameterModels(
  pathLevel: OpenAPIV3_1.PathItemObject['parameters'],
  operationLevel: OpenAPIV3_1.OperationObject['parameters'],
): ParameterModel[] {
  // Operation-level parameters override path-level ones with the same name and location.
  const byKey = new Map<string, ParameterModel>();
  for (const raw of [...(pathLevel ?? []), ...(operationLevel ?? [])]) {
    const p = raw as Dereferenced<typeof raw>;
    byKey.set(`${p.in}:${p.name}`, {
      name: p.name,
      in: p.in as ParameterModel['in'],
      required: p.in === 'path' ? true : Boolean(p.required),
      schema: p.schema as JsonSchema | undefined,
    });
  }
  return [...byKey.values()];
}

function responseModels(responses: OpenAPIV3_1.ResponsesObject | undefined): Map<string, ResponseModel> {
  const result = new Map<string, ResponseModel>();
  for (const [status, raw] of Object.entries(responses ?? {})) {
    const response = raw as Dereferenced<typeof raw>;
    result.set(status, { status, description: response.description ?? '', content: mediaTypes(response.content) });
  }
  return result;
}

function requestBodyModel(raw: OpenAPIV3_1.OperationObject['requestBody']): RequestBodyModel | undefined {
  if (!raw) return undefined;
  const body = raw as Dereferenced<typeof raw>;
  return { required: Boolean(body.required), content: mediaTypes(body.content) };
}

function serverUrls(...levels: (OpenAPIV3_1.ServerObject[] | undefined)[]): string[] {
  const firstDefined = levels.find((servers) => servers && servers.length > 0);
  return (firstDefined ?? [{ url: '/' }]).map((server) => server.url);
}

/** Normalizes a dereferenced OpenAPI 3.1 document into one model per operation. */
export function buildOperations(document: OpenAPIV3_1.Document): OperationModel[] {
  const operations: OperationModel[] = [];
  for (const [pathTemplate, rawItem] of Object.entries(document.paths ?? {})) {
    const item = rawItem as OpenAPIV3_1.PathItemObject | undefined;
    if (!item) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OpenAPIV3_1.OperationObject | undefined;
      if (!operation) continue;
      const operationId = operation.operationId ?? `${method} ${pathTemplate}`;
      operations.push({
        operationId,
        method: method as HttpMethod,
        pathTemplate,
        servers: serverUrls(operation.servers, item.servers, document.servers),
        summary: operation.summary ?? '',
        tags: operation.tags ?? [],
        parameters: parameterModels(item.parameters, operation.parameters),
        requestBody: requestBodyModel(operation.requestBody),
        responses: responseModels(operation.responses),
        security: operation.security ?? document.security ?? [],
        role: roleOf(operationId),
      });
    }
  }
  return operations;
}
