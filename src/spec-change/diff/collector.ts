import type { Direction, RuleDefinition, SeverityOverride, SpecChange } from './change.js';

/** Where a change was met: the operation, the part of it, and the place in the spec and in documents. */
export interface Site {
  readonly operation: string;
  /** The part of the operation: `getTask 200 application/json`, `createTask request ...`, `getTask query parameter f`. */
  readonly where: string;
  readonly direction?: Direction;
  /** Data path below `where`, a JSON pointer into the documents (`/parameters/metaData`). */
  readonly pointer: string;
  /** The place in the spec: a named schema and the path below it, or `where` and the pointer. */
  readonly location: string;
}

interface Entry {
  readonly definition: RuleDefinition;
  readonly severity: SpecChange['severity'];
  readonly message: string;
  readonly site: Site;
  readonly operations: Set<string>;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Collects changes: looks their rule up (a typo in a rule id is a bug and throws), applies the
 * configured severities (`off` drops a rule), and merges the same change met through several
 * operations into one entry that lists them all.
 */
export class ChangeCollector {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly rules: ReadonlyMap<string, RuleDefinition>,
    private readonly overrides: Readonly<Record<string, SeverityOverride>> = {},
  ) {}

  emit(ruleId: string, site: Site, message: string): void {
    const definition = this.rules.get(ruleId);
    if (!definition) throw new Error(`no rule named ${ruleId}`);
    const severity = this.overrides[ruleId] ?? definition.severity;
    if (severity === 'off') return;
    const key = `${ruleId}|${site.location}|${message}`;
    const found = this.entries.get(key);
    if (found) found.operations.add(site.operation);
    else this.entries.set(key, { definition, severity, message, site, operations: new Set([site.operation]) });
  }

  /** The changes, most severe first, then by rule and location. */
  changes(): SpecChange[] {
    return [...this.entries.values()]
      .map(({ definition, severity, message, site, operations }) => ({
        rule: definition.id,
        family: definition.family,
        classification: definition.classification,
        severity,
        message,
        location: site.location,
        ...(site.direction ? { direction: site.direction } : {}),
        operations: [...operations],
        example: `${site.where}${site.pointer ? ` ${site.pointer}` : ''}`,
        ...(definition.oasdiff ? { oasdiff: definition.oasdiff } : {}),
      }))
      .sort(
        (a, b) =>
          SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
          a.classification.localeCompare(b.classification) ||
          a.rule.localeCompare(b.rule) ||
          a.location.localeCompare(b.location),
      );
  }
}
