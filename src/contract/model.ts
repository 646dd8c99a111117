import type { OpenAPIV3_1 } from 'openapi-types';

/** A JSON Schema (2020-12) as found in a dereferenced OpenAPI 3.1 document. */
export type JsonSchema = { [keyword: string]: unknown } | boolean;

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

export const HTTP_METHODS: readonly HttpMethod[] = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

/** One media type of a request or response body. */
export interface MediaTypeModel {
  readonly mediaType: string;
  readonly schema: JsonSchema | undefined;
  /** Named examples (`examples`), plus `example` under the name "default". */
  readonly examples: ReadonlyMap<string, unknown>;
}

export interface ResponseModel {
  /** "200", "4XX" or "default", as written in the spec. */
  readonly status: string;
  readonly description: string;
  readonly content: ReadonlyMap<string, MediaTypeModel>;
}

export interface ParameterModel {
  readonly name: string;
  readonly in: 'query' | 'header' | 'path' | 'cookie';
  readonly required: boolean;
  readonly schema: JsonSchema | undefined;
}

export interface RequestBodyModel {
  readonly required: boolean;
  readonly content: ReadonlyMap<string, MediaTypeModel>;
}

/** One operation of the spec, normalized once so nothing downstream reads raw OpenAPI. */
export interface OperationModel {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** As written in the spec, e.g. `/system/tasks/{taskId}`. */
  readonly pathTemplate: string;
  /** Server URL templates in force for this operation (operation, path, then document level). */
  readonly servers: readonly string[];
  readonly summary: string;
  readonly tags: readonly string[];
  readonly parameters: readonly ParameterModel[];
  readonly requestBody: RequestBodyModel | undefined;
  readonly responses: ReadonlyMap<string, ResponseModel>;
  /** Alternatives of security requirements; an empty list means no authentication. */
  readonly security: readonly OpenAPIV3_1.SecurityRequirementObject[];
}

/** A loaded, dereferenced contract and its operations. */
export interface ContractModel {
  readonly sourcePath: string;
  /** `sha256:<hex>` of the spec file as read: which contract a report was made against. */
  readonly digest: string;
  readonly document: OpenAPIV3_1.Document;
  readonly operations: readonly OperationModel[];
  readonly operationsById: ReadonlyMap<string, OperationModel>;
}
