import type { ContractModel } from '../../../contract/model.js';
import { rawDocument } from '../../../contract/raw-document.js';
import { componentNames } from '../../diff/component-names.js';
import { canonical } from '../../diff/schema-view.js';
import type { ArtifactDocument, DocumentArtifact } from '../artifact.js';

interface Example {
  readonly name: string;
  readonly value: unknown;
  readonly document: ArtifactDocument;
}

/** Every response example of a contract, named by its component (`#/components/examples/X`) or its place. */
function examplesOf(contract: ContractModel): Example[] {
  const document = rawDocument(contract);
  const names = componentNames(document, 'examples');
  const found: Example[] = [];
  for (const operation of contract.operations) {
    const item = document.paths?.[operation.pathTemplate] as Record<
      string,
      { responses?: Record<string, { content?: Record<string, { examples?: Record<string, unknown> }> }> }
    >;
    for (const response of operation.responses.values()) {
      for (const media of response.content.values()) {
        for (const [key, value] of media.examples) {
          const raw =
            item?.[operation.method]?.responses?.[response.status]?.content?.[media.mediaType]?.examples?.[key];
          const component = typeof raw === 'object' && raw !== null ? names.get(raw) : undefined;
          const place = `${operation.operationId} ${response.status} ${media.mediaType}`;
          found.push({
            name: component ?? `${place} ${key}`,
            value,
            document: {
              label: `as ${place} ${key}`,
              value,
              schema: {
                kind: 'exchange',
                method: operation.method.toUpperCase(),
                path: operation.pathTemplate,
                status: response.status,
                mediaType: media.mediaType,
              },
            },
          });
        }
      }
    }
  }
  return found;
}

function group(examples: readonly Example[]): Map<string, Example[]> {
  const byName = new Map<string, Example[]>();
  for (const example of examples) byName.set(example.name, [...(byName.get(example.name) ?? []), example]);
  return byName;
}

/**
 * The spec's own examples as artifacts: each example of OLD (users copy them), checked wherever OLD
 * uses it, under OLD and NEW; and each example NEW adds or changes, checked under NEW alone.
 *
 * @example exampleArtifacts(old.contract, current.contract).map((a) => a.name) // ['CleanGPJobs', 'CreateBackup', ...]
 */
export function exampleArtifacts(before: ContractModel, after: ContractModel): DocumentArtifact[] {
  const olds = group(examplesOf(before));
  const news = group(examplesOf(after));
  const artifacts: DocumentArtifact[] = [];
  for (const [name, list] of olds) artifacts.push({ kind: 'example', name, documents: list.map((e) => e.document) });
  for (const [name, list] of news) {
    const previous = olds.get(name);
    if (previous && canonical(previous[0]!.value) === canonical(list[0]!.value)) continue;
    artifacts.push({
      kind: 'example',
      name: `${name} (${previous ? 'as NEW changed it' : 'new in NEW'})`,
      documents: list.map((e) => e.document),
      newOnly: true,
    });
  }
  return artifacts;
}
