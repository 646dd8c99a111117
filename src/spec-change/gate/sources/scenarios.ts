import { basename } from 'node:path';
import { INPUT_LIMITS } from '../../../input/index.js';
import type { ArtifactSource, DocumentArtifact } from '../artifact.js';
import { isDirectory, jsonFilesIn, readJsonFile } from '../read-json.js';
import { releaseNamedBy, taskAndRunDocuments, taskIdOf, tasksAndRuns } from './task-documents.js';

/** The tasks and runs a scenario puts on the mock: full Task documents, and full Run documents by task id. */
export interface ScenarioDocuments {
  readonly tasks: readonly unknown[];
  readonly runs: Readonly<Record<string, readonly unknown[]>>;
}

/**
 * Turns a parsed scenario file into its documents. The default takes the inline `tasks` and `runs`
 * and ignores every other key (generation instructions, clock, outcomes); a materializer that also
 * generates the tasks a scenario asks for can replace it.
 */
export type ScenarioMaterializer = (file: string, parsed: unknown) => Promise<ScenarioDocuments>;

/**
 * The inline documents of a scenario file.
 *
 * @example await inlineScenarioDocuments('busy.json', { tasks: [task], runs: { [task.taskId]: [run] }, clock: {} })
 */
export const inlineScenarioDocuments: ScenarioMaterializer = async (file, parsed) => tasksAndRuns(file, parsed);

/**
 * Mock scenarios (`mocks/scenarios/*.json`): one artifact per scenario file. A missing folder is nothing to check.
 *
 * @example scenarioSource('mocks/scenarios', async (file, parsed) => materializeScenario(parsed)) // generated tasks too
 */
export function scenarioSource(
  dir: string,
  materialize: ScenarioMaterializer = inlineScenarioDocuments,
): ArtifactSource {
  return {
    name: 'scenarios',
    kind: 'scenario',
    async load() {
      if (!(await isDirectory(dir)))
        return { artifacts: [], notes: [`no scenarios folder ${dir}: no scenarios to check`] };
      const artifacts: DocumentArtifact[] = [];
      // the folder also holds the scenarios' JSON Schema, which is not a scenario
      const files = (await jsonFilesIn(dir)).filter((file) => !file.endsWith('.schema.json'));
      for (const file of files) {
        const parsed = await readJsonFile(file, { what: 'scenario', maxBytes: INPUT_LIMITS.scenarioBytes.value });
        const { tasks, runs } = await materialize(file, parsed);
        const release = releaseNamedBy(parsed);
        artifacts.push({
          kind: 'scenario',
          name: basename(file, '.json'),
          file,
          ...(release ? { release } : {}),
          documents: tasks.flatMap((task) => taskAndRunDocuments(task, runs[taskIdOf(task)] ?? [])),
        });
      }
      return { artifacts, notes: artifacts.length === 0 ? [`no scenario files in ${dir}`] : [] };
    },
  };
}
