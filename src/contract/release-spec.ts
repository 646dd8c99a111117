import type { OpenAPIV3_1 } from 'openapi-types';
import { RELEASE_FACTS, RELEASES, type ReleaseProfile } from '../domain/releases.js';
import { contractOfDereferenced } from './load.js';
import type { ContractModel } from './model.js';
import { rawDocument } from './raw-document.js';
import { roleOf } from './roles.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const objectAt = (root: Json, ...path: string[]): Json | undefined => {
  let node: unknown = root;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return isObject(node) ? node : undefined;
};

/** The task type a `Task` variant stands for: its mapping key (a `$ref`), else its pinned `taskType`. */
function variantType(variant: unknown, mapping: Json): string | undefined {
  if (!isObject(variant)) return undefined;
  const ref = variant['$ref'];
  if (typeof ref === 'string') return Object.keys(mapping).find((key) => mapping[key] === ref);
  const pinned = objectAt(variant, 'properties', 'taskType')?.['const'];
  return typeof pinned === 'string' ? pinned : undefined;
}

/**
 * Only the task types the release has: the `TaskType` enum, the `Task` variants and discriminator
 * mapping, Edit Task's `type` and createTask's. Objects are changed in place, so a dereferenced
 * document (where every use of a component is that same object) is cut everywhere at once.
 */
function cutTaskTypes(doc: Json, profile: ReleaseProfile): void {
  const schemas = objectAt(doc, 'components', 'schemas') ?? {};
  const taskType = objectAt(schemas, 'TaskType');
  if (taskType && Array.isArray(taskType['enum'])) taskType['enum'] = [...profile.taskTypes];
  const task = objectAt(schemas, 'Task');
  const mapping = (task && objectAt(task, 'discriminator', 'mapping')) ?? {};
  const has = (type: string | undefined) =>
    type !== undefined && (profile.taskTypes as readonly string[]).includes(type);
  if (task && Array.isArray(task['oneOf'])) task['oneOf'] = task['oneOf'].filter((v) => has(variantType(v, mapping)));
  for (const key of Object.keys(mapping)) if (!has(key)) delete mapping[key];
  const updateForm = objectAt(schemas, 'UpdateTaskForm', 'properties');
  if (updateForm?.['type'] !== undefined)
    updateForm['type'] = {
      type: 'string',
      description: `The types of the tasks Edit Task takes at release ${profile.version}.`,
      enum: [...profile.updatableTypes],
    };
  const createType = objectAt(schemas, 'CreateTaskForm', 'properties', 'type');
  if (createType && Array.isArray(createType['enum'])) createType['enum'] = [...profile.creatableTypes];
}

/** createTask only from the release that has it; the health-check paths only from theirs. */
function cutPaths(doc: Json, profile: ReleaseProfile): void {
  const paths = objectAt(doc, 'paths');
  if (!paths) return;
  for (const path of Object.keys(paths)) {
    const item = paths[path];
    const operations = isObject(item) ? Object.values(item).filter(isObject) : [];
    const creates = operations.some((operation) => {
      const role = typeof operation['operationId'] === 'string' ? roleOf(operation['operationId']) : undefined;
      return role?.kind === 'write' && role.write === 'create';
    });
    if ((creates && !profile.createTask) || (path.startsWith('/healthCheck') && !profile.healthChecks))
      delete paths[path];
  }
}

/** The task types an example's value names: a task, a run's task, a list's items and their tasks (no deeper). */
function typesNamed(value: unknown): string[] {
  const result = isObject(value) ? value['result'] : undefined;
  const nodes = [value, ...(Array.isArray(result) ? result : [])];
  return [...nodes, ...nodes.map((node) => (isObject(node) ? node['task'] : undefined))]
    .map((node) => (isObject(node) ? node['taskType'] : undefined))
    .filter((type): type is string => typeof type === 'string');
}

/** Every named example (in responses, request bodies, components) whose value names a task type the release lacks goes. */
function cutExamples(doc: Json, profile: ReleaseProfile): void {
  const prefix = '#/components/examples/';
  const lacks = (value: unknown) =>
    typesNamed(value).some((type) => !(profile.taskTypes as readonly string[]).includes(type));
  const components = objectAt(doc, 'components', 'examples') ?? {};
  const goneComponents = new Set(
    Object.keys(components).filter((name) => lacks(objectAt(components, name)?.['value'])),
  );
  const gone = (entry: unknown) => {
    if (!isObject(entry)) return false;
    const ref = entry['$ref'];
    if (typeof ref === 'string') return ref.startsWith(prefix) && goneComponents.has(ref.slice(prefix.length));
    return lacks(entry['value']);
  };
  // an iterative walk with a visited set: a dereferenced document shares (and may repeat) its objects
  const seen = new Set<unknown>();
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const named = isObject(node) ? node['examples'] : undefined;
    if (isObject(named)) for (const name of Object.keys(named)) if (gone(named[name])) delete named[name];
    for (const child of Object.values(node)) stack.push(child); // not a spread: an array may be long
  }
}

/**
 * The contract as of one release (`spec --release V`, and the judge of documents that name their
 * release): only the task types the release has (a CreateHealthCheckReports task is not a task of
 * 11.3), Edit Task's and createTask's types as the release takes them, createTask only from 10.9.1,
 * the health-check paths only from 11.2, the examples the release can hold; and in `info` the release
 * (`x-release`) and the facts it was cut by, each with its source (`x-release-facts`). Every cut reads
 * `src/domain/releases.ts`. Takes a raw or a dereferenced document and returns a changed copy.
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
  cutPaths(doc, profile);
  cutExamples(doc, profile);
  cutTaskTypes(doc, profile);
  return doc;
}

const cuts = new WeakMap<ContractModel, Map<string, Promise<ContractModel>>>();

/**
 * A loaded contract as of one release, built once per contract and release: what judges a document
 * that names its release (a scenario, a fixture set, a recording; `spec gate --release`).
 *
 * @example ContractValidator.for(await contractForRelease(contract, namedRelease('11.3') as ReleaseProfile))
 */
export function contractForRelease(contract: ContractModel, profile: ReleaseProfile): Promise<ContractModel> {
  let byRelease = cuts.get(contract);
  if (!byRelease) {
    byRelease = new Map();
    cuts.set(contract, byRelease);
  }
  let pending = byRelease.get(profile.version);
  if (!pending) {
    // the loaded document is dereferenced and its clone keeps the sharing: no `$ref` to resolve again
    const cut = specForRelease(rawDocument(contract) as unknown as Json, profile) as unknown as OpenAPIV3_1.Document;
    pending = Promise.resolve(
      contractOfDereferenced(cut, contract.sourcePath, `${contract.digest}#release=${profile.version}`),
    );
    byRelease.set(profile.version, pending);
  }
  return pending;
}
