import { RELEASE_FACTS, RELEASES, type ReleaseProfile } from '../domain/releases.js';

type Json = Record<string, unknown>;

const objectAt = (root: Json, ...path: string[]): Json | undefined => {
  let node: unknown = root;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Json)[key] : undefined;
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Json) : undefined;
};

/**
 * The contract as of one release (`spec --release V`), for Prism and for consumers pinned to a
 * site: createTask only from 10.9.1, its `type` enum only what the release creates, and in `info`
 * the release (`x-release`) and the facts it was cut by, each with its source (`x-release-facts`).
 * Takes the raw (not dereferenced) document and returns a changed copy.
 */
export function specForRelease(raw: Json, profile: ReleaseProfile): Json {
  const doc = structuredClone(raw);
  const info = objectAt(doc, 'info');
  const version = profile.version;
  const applies = (since: string) => RELEASES.indexOf(version) >= RELEASES.indexOf(since);
  if (info) {
    info['x-release'] = version;
    info['x-release-facts'] = RELEASE_FACTS.filter((fact) => applies(fact.since));
  }
  const paths = objectAt(doc, 'paths');
  if (paths && !profile.createTask) delete paths['/system/tasks/createTask'];
  const type = objectAt(doc, 'components', 'schemas', 'CreateTaskForm', 'properties', 'type');
  if (type && Array.isArray(type['enum'])) type['enum'] = [...profile.creatableTypes];
  return doc;
}
