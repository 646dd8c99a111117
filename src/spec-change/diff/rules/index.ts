import type { RuleDefinition } from '../change.js';
import { ADDITIONAL_PROPERTY_RULES } from './additional-properties.js';
import { CONSTRAINT_RULES } from './constraints.js';
import { DISCRIMINATOR_RULES } from './discriminators.js';
import { ENUM_RULES } from './enums.js';
import { OPERATION_RULES } from './operations.js';
import { PARAMETER_RULES } from './parameters.js';
import { PROPERTY_RULES } from './properties.js';
import { REQUEST_BODY_RULES } from './request-bodies.js';
import { RESPONSE_RULES } from './responses.js';
import { SECURITY_RULES } from './security.js';
import { TYPE_RULES } from './types.js';

/** Every rule of `spec diff`, family by family. */
export const RULES: readonly RuleDefinition[] = [
  ...OPERATION_RULES,
  ...PARAMETER_RULES,
  ...REQUEST_BODY_RULES,
  ...RESPONSE_RULES,
  ...TYPE_RULES,
  ...ENUM_RULES,
  ...PROPERTY_RULES,
  ...ADDITIONAL_PROPERTY_RULES,
  ...DISCRIMINATOR_RULES,
  ...CONSTRAINT_RULES,
  ...SECURITY_RULES,
];

/** The rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(RULES.map((r) => [r.id, r]));
