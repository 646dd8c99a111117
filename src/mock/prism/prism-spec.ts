import { readFile } from 'node:fs/promises';
import { loadContractCached } from '../../contract/load.js';
import type { FixtureSet } from '../../fixtures/index.js';
import { type Run, TASK_TYPES, type Task } from '../../shapes/contract-types.js';

// biome-ignore lint/suspicious/noExplicitAny: raw OpenAPI, edited in place
type Doc = Record<string, any>;

/**
 * A copy of the contract for Prism: each task type's named example is one of our fixtures (so
 * `Prefer: example=CreateBackup` serves realistic data), the list and run examples come from the
 * same set, and the paths carry the deployment's prefixes (`/{context}/admin`,
 * `/{context}/sharing/rest`, from the contract's layout) so that clients use the same URLs as with
 * the embedded engine.
 *
 * @example
 * const doc = await prismSpec(defaultSpecPath(), 'arcgis', fixtures);
 * await writeFile(join(dir, 'openapi.json'), JSON.stringify(doc));
 */
export async function prismSpec(
  specPath: string,
  context: string,
  fixtures: Pick<FixtureSet, 'tasks' | 'runs'>,
): Promise<Doc> {
  const { parse } = await import('yaml'); // only the Prism engine needs it: the embedded mock starts faster without
  const doc = parse(await readFile(specPath, 'utf8'), { maxAliasCount: -1 }) as Doc;
  const examples: Doc = doc['components']['examples'];
  const firstOfType = new Map<string, Task>();
  for (const task of fixtures.tasks) if (!firstOfType.has(task.taskType)) firstOfType.set(task.taskType, task);
  for (const type of TASK_TYPES) {
    const task = firstOfType.get(type);
    if (task && examples[type]) examples[type] = { summary: `A ${type} task (generated fixture)`, value: task };
  }
  if (fixtures.tasks.length > 0)
    examples['TaskList'] = { summary: 'The fixture tasks', value: { result: fixtures.tasks } };
  const withRuns = fixtures.tasks.find((t) => (fixtures.runs[t.taskId] ?? []).length > 0);
  if (withRuns) {
    const runs: Run[] = fixtures.runs[withRuns.taskId]!.map((run) => ({ ...run, task: withRuns }));
    examples['Run'] = { summary: `A run of a ${withRuns.taskType} task (generated fixture)`, value: runs[0] };
    examples['RunList'] = {
      summary: `The runs of a ${withRuns.taskType} task (generated fixture)`,
      value: { result: runs },
    };
  }
  const paths: Doc = {};
  const { layout } = await loadContractCached(specPath);
  const { adminRoot, portalRoot } = layout.paths(context);
  for (const [path, item] of Object.entries(doc['paths'] as Doc)) {
    const servers = Array.isArray(item['servers']) ? item['servers'].map((s: Doc) => String(s['url'])) : [];
    const portal = layout.isPortal({ servers });
    delete item['servers'];
    paths[`${portal ? portalRoot : adminRoot}${path}`] = item;
  }
  doc['paths'] = paths;
  delete doc['servers'];
  return doc;
}
