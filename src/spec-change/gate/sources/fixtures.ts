import { basename } from 'node:path';
import type { ArtifactSource, DocumentArtifact } from '../artifact.js';
import { isDirectory, jsonFilesIn, readJsonFile } from '../read-json.js';
import { releaseNamedBy, taskAndRunDocuments, taskIdOf, tasksAndRuns } from './task-documents.js';

/**
 * The committed fixture sets (`mocks/fixtures/*.json`, `{meta, tasks, runs}`): one artifact per task,
 * with its runs, so that a verdict names the fixture a change breaks.
 *
 * @example runGate({ old, new: current, sources: [fixtureSource('mocks/fixtures')] })
 */
export function fixtureSource(dir: string): ArtifactSource {
  return {
    name: 'fixtures',
    kind: 'fixture',
    async load() {
      if (!(await isDirectory(dir)))
        return { artifacts: [], notes: [`no fixtures folder ${dir}: no fixtures to check`] };
      const artifacts: DocumentArtifact[] = [];
      for (const file of await jsonFilesIn(dir)) {
        const parsed = await readJsonFile(file);
        const { tasks, runs } = tasksAndRuns(file, parsed);
        const release = releaseNamedBy(parsed);
        for (const task of tasks) {
          const taskId = taskIdOf(task);
          const type =
            typeof (task as { taskType?: unknown }).taskType === 'string'
              ? ` (${(task as { taskType: string }).taskType})`
              : '';
          artifacts.push({
            kind: 'fixture',
            name: `${basename(file)} task ${taskId}${type}`,
            file,
            ...(release ? { release } : {}),
            documents: taskAndRunDocuments(task, runs[taskId] ?? []),
          });
        }
      }
      return { artifacts, notes: artifacts.length === 0 ? [`no fixture sets in ${dir}`] : [] };
    },
  };
}
