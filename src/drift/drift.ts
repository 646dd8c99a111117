import fastJsonPatch, { type Operation } from 'fast-json-patch';
import { stringify } from 'yaml';
import { contractFromDocument, type SpecReadOptions } from '../contract/load.js';
import type { ContractModel } from '../contract/model.js';
import { INPUT_LIMITS, parseYamlText, readTextFile } from '../input/index.js';
import { ContractValidator } from '../validation/contract-validator.js';
import { analyzeDrift, type DriftAnalysis, hasDrift } from './analyze.js';
import { proposeChange } from './propose.js';
import type { DriftSource } from './sources.js';
import { SpecLocator } from './spec-locator.js';

// fast-json-patch is CommonJS: its named exports arrive on the default export under ESM
const { applyPatch, validate: validatePatch } = fastJsonPatch;

/** The drift report's format version; bump it when a field changes meaning. */
export const DRIFT_REPORT_VERSION = 1;

/** The proposed contract change, and whether it makes every drifted document valid. */
export interface ProposedChange {
  readonly patch: readonly Operation[];
  /** The same patch as YAML, with a header a reviewer reads first. */
  readonly yaml: string;
  readonly notes: readonly string[];
  /** True when, with the patch applied, every document validates against the schema (invariants aside). */
  readonly covers: boolean;
  /** Documents still invalid with the patch applied, one line each. */
  readonly remaining: readonly string[];
}

/** What `tasks-contract drift` reports for one source. */
export interface DriftReport {
  readonly version: number;
  readonly source: { readonly kind: DriftSource['kind']; readonly label: string };
  readonly spec: string;
  readonly siteVersion?: string;
  readonly drift: boolean;
  /** Reads of the source that gave no document (a fault such as an answer nested too deep): drift too. */
  readonly unreadable: readonly string[];
  readonly analysis: DriftAnalysis;
  readonly proposal: ProposedChange;
}

/** The spec as written: YAML parsed to JSON, `$ref`s in place (the patch's target), within the input limits. */
export async function rawSpec(contract: ContractModel): Promise<Record<string, unknown>> {
  const text = await readTextFile(contract.sourcePath, { what: 'spec', maxBytes: INPUT_LIMITS.specBytes.value });
  return (await parseYamlText(text, { label: `spec ${contract.sourcePath}` })) as Record<string, unknown>;
}

/** A JSON Patch as the YAML a reviewer reads: what it is for, then the operations. */
function patchYaml(patch: readonly Operation[], spec: string, notes: readonly string[]): string {
  if (patch.length === 0) return '# no change to propose: the documents fit the contract\n';
  const header = [
    `# Proposed change to ${spec} (JSON Patch, RFC 6902), made by tasks-contract drift.`,
    '# Review each operation: the contract follows what Esri documents, and a site may be wrong.',
    '# After applying it: npm run gen:types && npm test',
    ...notes.map((note) => `# note: ${note}`),
  ];
  return `${header.join('\n')}\n${stringify(patch, { aliasDuplicateObjects: false })}`;
}

/**
 * Compares a source's documents with the contract and proposes the change that would make them
 * valid; the change is applied to a copy of the spec and every document is validated again, so the
 * report says whether the proposal covers them.
 *
 * @example const report = await driftReport(contract, await sourceFromDirectory('recordings/site'));
 */
export async function driftReport(
  contract: ContractModel,
  source: DriftSource,
  read: Pick<SpecReadOptions, 'allowedRefRoots'> = {},
): Promise<DriftReport> {
  const validator = ContractValidator.for(contract);
  const unreadable = source.unreadable ?? [];
  const { analysis, occurrences } = analyzeDrift(contract, validator, source.samples);
  const raw = await rawSpec(contract);
  const { patch, notes } = proposeChange(new SpecLocator(structuredClone(raw)), occurrences, source.siteVersion);
  const remaining: string[] = [];
  if (patch.length > 0) {
    const problem = validatePatch([...patch], structuredClone(raw));
    if (problem) remaining.push(`the patch does not apply: ${problem.message.split('\n')[0]}`);
    else {
      // copies: the loader resolves $refs in place, and must not reach into the patch the report shows
      const patched = applyPatch(structuredClone(raw), structuredClone([...patch]), false, true).newDocument;
      const proposed = ContractValidator.for(await contractFromDocument(patched, contract.sourcePath, read));
      for (const sample of source.samples) {
        const result = proposed.forComponent(sample.kind === 'task' ? 'Task' : 'Run').validate(sample.value);
        for (const violation of result.violations) remaining.push(`${sample.source}: ${violation.message}`);
      }
    }
  } else if (occurrences.length > 0) {
    remaining.push(...occurrences.map((o) => `${o.kind} ${o.violation.pointer}: ${o.violation.message}`));
  }
  return {
    version: DRIFT_REPORT_VERSION,
    source: { kind: source.kind, label: source.label },
    spec: contract.sourcePath,
    ...(source.siteVersion ? { siteVersion: source.siteVersion } : {}),
    drift: hasDrift(analysis) || unreadable.length > 0,
    unreadable,
    analysis,
    proposal: {
      patch,
      yaml: patchYaml(patch, 'spec/openapi.yaml', notes),
      notes,
      covers: remaining.length === 0,
      remaining,
    },
  };
}
