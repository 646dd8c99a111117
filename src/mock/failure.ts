import { ERROR_MESSAGES } from '../domain/error-messages.js';
import type { PortalError } from '../shapes/contract-types.js';

/**
 * A request the mock refuses, as data: the pipeline renders it as the portal error envelope
 * `{"error": {"code", "message", "details"}}`. Nothing in the mock throws for a bad request.
 */
const FAILURE: unique symbol = Symbol('MockFailure');

export interface MockFailure {
  /** A brand no parsed JSON can carry, so client data is never mistaken for a failure. */
  readonly [FAILURE]: true;
  readonly kind: 'failure';
  readonly code: number;
  readonly message: string;
  readonly details: readonly string[];
  /** Limits enforced before the request is read (413, 414, 431) keep their HTTP status whatever `errorStatus` says. */
  readonly transport?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The messages ArcGIS Enterprise sends for each code: the shared table (domain/error-messages). */
export const STANDARD_MESSAGES: Readonly<Record<number, string>> = ERROR_MESSAGES;

/**
 * @example
 * failure(404, "Task '0123' does not exist.")
 * failure(400, 'Unable to create task.', ["Invalid value for parameter 'parameters': it is not valid JSON."])
 */
export function failure(
  code: number,
  message?: string,
  details: readonly string[] = [],
  extra: Partial<MockFailure> = {},
): MockFailure {
  return {
    [FAILURE]: true,
    kind: 'failure',
    code,
    message: message ?? STANDARD_MESSAGES[code] ?? `Error ${code}.`,
    details,
    ...extra,
  };
}

export function isFailure(value: unknown): value is MockFailure {
  return typeof value === 'object' && value !== null && FAILURE in value;
}

export function toEnvelope(f: MockFailure): PortalError {
  return { error: { code: f.code, message: f.message, details: [...f.details] } };
}

/** `--error-status 200`: ArcGIS style, the code only in the body; `http`: the code is the HTTP status too. */
export type ErrorStatusMode = '200' | 'http';

export function httpStatusOf(f: MockFailure, mode: ErrorStatusMode): number {
  return f.transport || mode === 'http' ? f.code : 200;
}
