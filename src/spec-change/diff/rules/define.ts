import type { ChangeSeverity, Classification, Direction, RuleDefinition, RuleFamily } from '../change.js';

const DEFAULT_SEVERITY: Readonly<Record<Classification, ChangeSeverity>> = {
  'breaking-for-clients': 'error',
  'breaking-for-servers': 'warning',
  compatible: 'info',
};

/**
 * A rule. Its severity defaults from whom it breaks: clients -> error; servers -> warning (the servers
 * of this API are Esri's, and a change usually records what they already do; the gate shows which of
 * our own artifacts it breaks); compatible -> info.
 */
export function rule(
  id: string,
  family: RuleFamily,
  classification: Classification,
  summary: string,
  options: { severity?: ChangeSeverity; oasdiff?: string } = {},
): RuleDefinition {
  return {
    id,
    family,
    classification,
    severity: options.severity ?? DEFAULT_SEVERITY[classification],
    summary,
    ...(options.oasdiff ? { oasdiff: options.oasdiff } : {}),
  };
}

/**
 * What a schema change does to the set of values a schema accepts. Whom that breaks depends on the side:
 * a narrower request rejects what clients send (clients break); a narrower response rejects what servers
 * send (servers break); a wider request lets clients send what servers may not handle (servers); a wider
 * response lets servers send what clients may not expect (clients).
 */
export type Effect = 'narrowing' | 'widening';

/** Who a schema change breaks, by its effect and the side it is on. */
function classify(effect: Effect, direction: Direction): Classification {
  if (effect === 'narrowing') return direction === 'request' ? 'breaking-for-clients' : 'breaking-for-servers';
  return direction === 'request' ? 'breaking-for-servers' : 'breaking-for-clients';
}

/**
 * The request and response rules of one schema change: `request-<name>` and `response-<name>`, each
 * classified by `classify`, unless `classification` pins both.
 */
export function directional(
  name: string,
  family: RuleFamily,
  effect: Effect,
  summary: string,
  options: {
    oasdiff?: Partial<Record<Direction, string>>;
    severity?: Partial<Record<Direction, ChangeSeverity>>;
    classification?: Partial<Record<Direction, Classification>>;
  } = {},
): RuleDefinition[] {
  return (['request', 'response'] as const).map((direction) => {
    const extra: { severity?: ChangeSeverity; oasdiff?: string } = {};
    const severity = options.severity?.[direction];
    const oasdiff = options.oasdiff?.[direction];
    if (severity) extra.severity = severity;
    if (oasdiff) extra.oasdiff = oasdiff;
    return rule(
      `${direction}-${name}`,
      family,
      options.classification?.[direction] ?? classify(effect, direction),
      `${summary} (in a ${direction})`,
      extra,
    );
  });
}
