import { TASK_TYPES, type TaskType } from '../shapes/contract-types.js';

export const FAULTS = ['reset', 'stall', 'html-500', 'malformed-json'] as const;
export type Fault = (typeof FAULTS)[number];

/** Longest `Prefer: delay=` honoured, so a request cannot hold a connection for ever. */
export const MAX_DELAY_MS = 10_000;

/** What a request asked for in its `Prefer` header (like Prism's), all optional. */
export interface Steering {
  /** Answer with this error code's envelope (400-599). */
  readonly code?: number;
  /** Serve the first task of this type (get/list of tasks and runs). */
  readonly example?: TaskType;
  /** An `example=` that names no task type: answered with 400 so the typo is seen. */
  readonly unknownExample?: string;
  readonly delayMs?: number;
  readonly fault?: Fault;
}

const NONE: Steering = Object.freeze({});

/**
 * Parses `Prefer: code=498, example=CreateBackup, delay=200, fault=reset`. Preferences it does not
 * know are ignored, as RFC 7240 asks.
 *
 * @example
 * parsePrefer('code=498, delay=50'); // { code: 498, delayMs: 50 }
 */
export function parsePrefer(header: string | string[] | undefined): Steering {
  if (header === undefined) return NONE;
  const text = Array.isArray(header) ? header.join(',') : header;
  const result: { -readonly [K in keyof Steering]: Steering[K] } = {};
  for (const item of text.split(/[,;]/)) {
    const eq = item.indexOf('=');
    if (eq === -1) continue;
    const name = item.slice(0, eq).trim().toLowerCase();
    const value = item
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === 'code' && /^[45]\d\d$/.test(value)) result.code = Number(value);
    else if (name === 'delay' && /^\d{1,9}$/.test(value)) result.delayMs = Math.min(Number(value), MAX_DELAY_MS);
    else if (name === 'fault' && (FAULTS as readonly string[]).includes(value)) result.fault = value as Fault;
    else if (name === 'example') {
      if ((TASK_TYPES as readonly string[]).includes(value)) result.example = value as TaskType;
      else result.unknownExample = value;
    }
  }
  return result;
}
