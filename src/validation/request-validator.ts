import type { JsonSchema, OperationModel } from '../contract/model.js';
import { coerceFormValue, propertySchemas } from './form-coercion.js';
import { escapePointerToken } from './json-pointer.js';
import { essence, matchMediaType } from './media-type.js';
import { VALID, type ValidationResult, type Violation } from './violation.js';

/** Where request checks get a compiled validator for a schema (the ContractValidator's cache). */
export interface SchemaValidators {
  forSchema(schema: JsonSchema): { validate(value: unknown): ValidationResult };
}

/** A request as it arrived, already split into its parts. Form bodies are passed as their fields. */
export interface RequestParts {
  readonly pathParams?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly contentType?: string;
  /** Form fields (for form bodies), a parsed JSON value, or undefined for no body. */
  readonly body?: unknown;
}

type SchemaObject = { [keyword: string]: unknown };

function violation(pointer: string, keyword: string, message: string, expected: unknown, actual: unknown): Violation {
  return { pointer, keyword, message: `${pointer || '(root)'} ${message}`, expected, actual };
}

function prefixed(prefix: string, inner: readonly Violation[]): Violation[] {
  return inner.map((v) => ({
    ...v,
    pointer: prefix + v.pointer,
    message: prefix + v.message.replace(/^\(root\)/, ''),
  }));
}

/**
 * Checks a request against an operation: path, query and header parameters, and the body. Form
 * values are coerced to the types their schema names; a field with `contentMediaType:
 * application/json` (such as `parameters`) must be JSON text valid against its `contentSchema`.
 * Pointers are `/path/<name>`, `/query/<name>`, `/header/<name>` and `/body/<field>`.
 */
export function validateRequest(
  validator: SchemaValidators,
  operation: OperationModel,
  request: RequestParts,
): ValidationResult {
  const violations: Violation[] = [];
  for (const parameter of operation.parameters) {
    const source =
      parameter.in === 'path'
        ? request.pathParams
        : parameter.in === 'query'
          ? request.query
          : parameter.in === 'header'
            ? lowerKeys(request.headers)
            : undefined;
    const key = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
    const raw = source?.[key];
    if (raw === undefined) {
      if (parameter.required)
        violations.push(
          violation(pointerOf(parameter), 'required', 'is required; it is missing', 'present', undefined),
        );
      continue;
    }
    const text = Array.isArray(raw) ? String(raw[0]) : String(raw);
    if (parameter.schema !== undefined) {
      const value = coerceFormValue(parameter.schema as SchemaObject, text);
      const inner = validator.forSchema(parameter.schema).validate(value).violations;
      if (inner.length > 0) violations.push(...prefixed(pointerOf(parameter), inner));
    }
  }
  const body = validateBody(validator, operation, request);
  if (body.length > 0) violations.push(...body);
  return violations.length === 0 ? VALID : { valid: false, violations };
}

/** Built only for a violation: most requests have none. */
const pointerOf = (parameter: OperationModel['parameters'][number]): string =>
  `/${parameter.in}/${escapePointerToken(parameter.name)}`;

function lowerKeys(headers: RequestParts['headers']): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function validateBody(validator: SchemaValidators, operation: OperationModel, request: RequestParts): Violation[] {
  const body = operation.requestBody;
  const empty =
    request.body === undefined ||
    (!request.contentType && isRecord(request.body) && Object.keys(request.body).length === 0);
  if (!body) return [];
  if (empty)
    return body.required
      ? [violation('/body', 'required', 'is required; it is missing', [...body.content.keys()], undefined)]
      : [];
  const contentType = request.contentType ?? 'application/x-www-form-urlencoded';
  // the one type an operation declares, sent as declared (every form the mock checks): no matching to do
  const declared =
    body.content.size === 1 && body.content.has(contentType)
      ? contentType
      : matchMediaType(body.content.keys(), contentType);
  if (!declared) {
    return [
      violation(
        '/body',
        'mediaType',
        `must be sent as ${[...body.content.keys()].join(' or ')}; got ${request.contentType}`,
        [...body.content.keys()],
        request.contentType,
      ),
    ];
  }
  const schema = body.content.get(declared)?.schema;
  if (schema === undefined) return [];
  if (essence(declared) !== 'application/x-www-form-urlencoded' && essence(declared) !== 'multipart/form-data') {
    return prefixed('/body', validator.forSchema(schema).validate(request.body).violations);
  }
  return validateForm(validator, schema, isRecord(request.body) ? request.body : {});
}

function validateForm(validator: SchemaValidators, schema: JsonSchema, fields: Record<string, unknown>): Violation[] {
  const properties = propertySchemas(schema);
  // the fields as their schemas read them; copied only once a value differs from what was sent (most
  // forms are all text), so that a plain form is checked as it is
  let coerced: Record<string, unknown> | undefined;
  const violations: Violation[] = [];
  const names = Object.keys(fields);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const raw = fields[name];
    const value = raw === undefined ? undefined : formValue(validator, name, properties.get(name), raw, violations);
    if (coerced === undefined && (value !== raw || raw === undefined)) {
      coerced = {};
      for (let j = 0; j < i; j++) coerced[names[j]!] = fields[names[j]!];
    }
    if (coerced !== undefined && value !== undefined) coerced[name] = value;
  }
  const inner = validator.forSchema(schema).validate(coerced ?? fields).violations;
  return inner.length === 0 ? violations : [...prefixed('/body', inner), ...violations];
}

/** A form field as its schema reads it (JSON text is checked here, against its `contentSchema`). */
function formValue(
  validator: SchemaValidators,
  name: string,
  property: SchemaObject | undefined,
  raw: unknown,
  violations: Violation[],
): unknown {
  const text = typeof raw === 'string' ? raw : Array.isArray(raw) ? String(raw[0]) : String(raw);
  if (property?.['contentMediaType'] === 'application/json') {
    violations.push(...validateJsonText(validator, `/body/${escapePointerToken(name)}`, property, text));
    return text;
  }
  return typeof raw === 'string' || Array.isArray(raw) ? coerceFormValue(property, text) : raw;
}

function validateJsonText(
  validator: SchemaValidators,
  pointer: string,
  property: SchemaObject,
  text: string,
): Violation[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return [
      violation(
        pointer,
        'contentMediaType',
        `must be JSON text; ${(error as Error).message}`,
        'application/json',
        text,
      ),
    ];
  }
  const contentSchema = property['contentSchema'];
  if (contentSchema === undefined) return [];
  return prefixed(pointer, validator.forSchema(contentSchema as JsonSchema).validate(parsed).violations);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
