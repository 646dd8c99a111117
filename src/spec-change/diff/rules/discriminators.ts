import { isDeepStrictEqual } from 'node:util';
import type { RuleDefinition } from '../change.js';
import type { SchemaStep } from '../schema-step.js';
import { directional } from './define.js';

const EVERYONE = { request: 'breaking-for-clients', response: 'breaking-for-clients' } as const;

/** A discriminator's property and its mapping (value -> variant). */
export const DISCRIMINATOR_RULES: readonly RuleDefinition[] = [
  ...directional(
    'discriminator-property-changed',
    'discriminators',
    'narrowing',
    'the discriminator names another property',
    { classification: EVERYONE },
  ),
  ...directional('discriminator-mapping-removed', 'discriminators', 'narrowing', 'a discriminator value was unmapped'),
  ...directional('discriminator-mapping-added', 'discriminators', 'widening', 'a discriminator value was mapped'),
  ...directional(
    'discriminator-mapping-changed',
    'discriminators',
    'narrowing',
    'a discriminator value now selects a different schema',
    { classification: EVERYONE },
  ),
  ...directional('discriminator-added', 'discriminators', 'narrowing', 'a union got a discriminator', {
    classification: { request: 'compatible', response: 'compatible' },
  }),
  ...directional('discriminator-removed', 'discriminators', 'widening', "a union's discriminator was removed", {
    classification: { request: 'compatible', response: 'compatible' },
  }),
];

/** Compares the discriminators of two unions; a mapping target counts as changed only if its schema did. */
export function diffDiscriminator(step: SchemaStep): void {
  const before = step.old.discriminator;
  const after = step.new.discriminator;
  if (!before && !after) return;
  if (!before) {
    step.emit('discriminator-added', `discriminator on ${after!.propertyName} added`);
    return;
  }
  if (!after) {
    step.emit('discriminator-removed', `discriminator on ${before.propertyName} removed`);
    return;
  }
  if (before.propertyName !== after.propertyName) {
    step.emit(
      'discriminator-property-changed',
      `discriminator property changed from ${before.propertyName} to ${after.propertyName}`,
    );
    return;
  }
  for (const [value, ref] of Object.entries(before.mapping)) {
    const target = after.mapping[value];
    if (target === undefined) {
      step.emit(
        'discriminator-mapping-removed',
        `discriminator value ${JSON.stringify(value)} no longer mapped (was ${ref})`,
      );
      continue;
    }
    // a renamed component holding the same schema is no change; an edited one is diffed as its variant
    if (target !== ref && !isDeepStrictEqual(step.resolve('old', ref), step.resolve('new', target)))
      step.emit(
        'discriminator-mapping-changed',
        `discriminator value ${JSON.stringify(value)} now selects ${target} (was ${ref})`,
      );
  }
  for (const [value, ref] of Object.entries(after.mapping)) {
    if (before.mapping[value] === undefined)
      step.emit('discriminator-mapping-added', `discriminator value ${JSON.stringify(value)} mapped to ${ref}`);
  }
}
