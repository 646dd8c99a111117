import type { OpenAPIV3_1 } from 'openapi-types';
import type { ContractLayout } from './layout.js';
import type { OperationRole, ResourceKind, RunWriteKind, WriteKind } from './roles.js';
import type { TokenPlacements } from './tokens.js';

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
  /** The role the toolkit knows it by (see `roles.ts`); undefined for an operation it does not know. */
  readonly role: OperationRole | undefined;
}

/** The contract's operations by role: what verify, record, pact and the mock call. */
export interface OperationRoles {
  /** The operation that reads `resource` on GET or POST; undefined when the contract lacks it. */
  read(resource: ResourceKind, via: 'get' | 'post'): OperationModel | undefined;
  /** The operation of a task or run write; undefined when the contract lacks it. */
  write(kind: WriteKind | RunWriteKind): OperationModel | undefined;
  /** The token operation (`generateToken`), if the contract has one. */
  token(): OperationModel | undefined;
  /**
   * The path of the operation playing `role`, its parameters filled in and encoded
   * (`/system/tasks/a%20b`); throws when the contract lacks the operation or a parameter.
   */
  path(role: OperationRole, params?: Readonly<Record<string, string>>): string;
  /** The operationIds of the reads (both ways), and the task writes too `withWrites`, that the contract lacks. */
  missing(withWrites: boolean): string[];
}

/** A loaded, dereferenced contract and its operations. */
export interface ContractModel {
  readonly sourcePath: string;
  /** `sha256:<hex>` of the spec file as read: which contract a report was made against. */
  readonly digest: string;
  /** The spec's `info`: its title and version (reports name the contract by them). */
  readonly info: { readonly title: string; readonly version: string };
  readonly operations: readonly OperationModel[];
  readonly operationsById: ReadonlyMap<string, OperationModel>;
  /** The operations by the role they play. */
  readonly roles: OperationRoles;
  /** Where tokens travel (the spec's `securitySchemes`). */
  readonly tokens: TokenPlacements;
  /** Where a deployment serves the API: admin root, context, token URL (the spec's `servers`). */
  readonly layout: ContractLayout;
  /** The component schemas (`#/components/schemas`), dereferenced, by name. */
  readonly schemas: ReadonlyMap<string, JsonSchema>;
}
