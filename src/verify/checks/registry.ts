import { authInvalidCheck, authRequiredCheck } from './auth-negative.js';
import { contentTypeCheck } from './content-type.js';
import { errorEnvelopeCheck } from './error-envelope.js';
import { errorPathsCheck } from './error-paths.js';
import { getEqualsPostCheck } from './get-equals-post.js';
import { htmlIsHtmlCheck } from './html-is-html.js';
import { httpStatusCheck } from './http-status.js';
import { invariantsCheck } from './invariants.js';
import { listConsistencyCheck } from './list-consistency.js';
import { pjsonEqualsJsonCheck } from './pjson-equals-json.js';
import { responseSchemaCheck } from './response-schema.js';
import { secretsCheck } from './secrets.js';
import { transportCheck } from './transport.js';
import type { Check, CollectionCheck, ExchangeCheck, PairCheck } from './types.js';
import { writeAcceptanceCheck, writeRefusalCheck } from './write-cases.js';
import { writeEffectCheck } from './write-effect.js';

/**
 * Every check verify runs, in report order. A check is a plain named object with one function;
 * adding one is adding it here.
 */
export const CHECKS: readonly Check[] = [
  transportCheck,
  httpStatusCheck,
  contentTypeCheck,
  errorEnvelopeCheck,
  responseSchemaCheck,
  invariantsCheck,
  secretsCheck,
  pjsonEqualsJsonCheck,
  getEqualsPostCheck,
  htmlIsHtmlCheck,
  authRequiredCheck,
  authInvalidCheck,
  errorPathsCheck,
  listConsistencyCheck,
  writeEffectCheck,
  writeRefusalCheck,
  writeAcceptanceCheck,
];

export const CHECK_NAMES: readonly string[] = CHECKS.map((check) => check.name);

/** The registry split by scope, optionally restricted to some names (`--checks`). */
export function selectChecks(names?: readonly string[]): {
  exchange: ExchangeCheck[];
  pair: PairCheck[];
  collection: CollectionCheck[];
} {
  const chosen = names && names.length > 0 ? CHECKS.filter((check) => names.includes(check.name)) : [...CHECKS];
  return {
    exchange: chosen.filter((check): check is ExchangeCheck => check.scope === 'exchange'),
    pair: chosen.filter((check): check is PairCheck => check.scope === 'pair'),
    collection: chosen.filter((check): check is CollectionCheck => check.scope === 'collection'),
  };
}
