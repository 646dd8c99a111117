import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JsonSchema } from '../../contract/model.js';
import { packageRoot } from '../../contract/package-root.js';
import { namedRelease, type ReleaseProfile } from '../../domain/releases.js';
import { formatBytes, INPUT_LIMITS, jsonTextDepth } from '../../input/index.js';
import { checkDocument } from '../../validation/check-document.js';
import type { ContractValidator } from '../../validation/contract-validator.js';
import type { Violation } from '../../validation/violation.js';
import { MAX_JSON_DEPTH } from '../input-limits.js';
import { type Scenario, ScenarioError } from './scenario.js';

/** Where the bundled scenarios live, relative to the package root. */
const SCENARIO_DIR = join('mocks', 'scenarios');
const SCHEMA_FILE = 'scenario.schema.json';

/** A scenario's text and where it came from (a file, or `name` for a bundled one). */
export interface ScenarioText {
  readonly source: string;
  readonly name: string;
  readonly text: string;
}

/**
 * The names of the bundled scenarios (`mocks/scenarios/NAME.json`).
 * @example bundledScenarios() // ['default', 'empty', 'expiring-token', 'failed-backup', ...]
 */
export function bundledScenarios(): string[] {
  return readdirSync(join(packageRoot(), SCENARIO_DIR))
    .filter((f) => f.endsWith('.json') && f !== SCHEMA_FILE)
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** A bundled scenario by name, or a scenario file by path; a ScenarioError when it is neither. */
export function readScenarioText(nameOrFile: string): ScenarioText {
  if (/^[A-Za-z0-9_-]+$/.test(nameOrFile)) {
    const bundled = join(packageRoot(), SCENARIO_DIR, `${nameOrFile}.json`);
    if (existsSync(bundled)) return { source: nameOrFile, name: nameOrFile, text: readFileSync(bundled, 'utf8') };
  }
  const file = resolve(nameOrFile);
  if (!existsSync(file) || !nameOrFile.endsWith('.json')) {
    throw new ScenarioError(
      nameOrFile,
      '',
      `no such scenario: use one of ${bundledScenarios().join(', ')}, or the path of a .json scenario file`,
    );
  }
  const limit = INPUT_LIMITS.scenarioBytes.value;
  const stat = statSync(file);
  if (!stat.isFile() || stat.size > limit)
    throw new ScenarioError(
      nameOrFile,
      '',
      stat.isFile() ? `it is larger than ${formatBytes(limit)}, the limit for a scenario file` : 'it is not a file',
    );
  const name = file.split(/[\\/]/).pop()!.slice(0, -'.json'.length);
  return { source: nameOrFile, name, text: readFileSync(file, 'utf8') };
}

let scenarioSchema: JsonSchema | undefined;

function schema(): JsonSchema {
  scenarioSchema ??= JSON.parse(readFileSync(join(packageRoot(), SCENARIO_DIR, SCHEMA_FILE), 'utf8')) as JsonSchema;
  return scenarioSchema;
}

/** The violation's rule without the pointer it starts with (the error names the pointer once). */
const firstRule = (v: Violation) =>
  v.message.startsWith(`${v.pointer} `) ? v.message.slice(v.pointer.length + 1) : v.message;

const contractName = (scenario: Scenario) =>
  scenario.release === undefined ? "the contract's" : `the contract's (release ${scenario.release})`;

/**
 * Parses a scenario: JSON, then `scenario.schema.json`, then its `release` (one of the release
 * table's). Throws the first problem as a one-line ScenarioError. The documents are checked next,
 * by the contract as of that release (`checkScenarioDocuments`).
 */
export function parseScenario(text: ScenarioText, validator: ContractValidator): Scenario {
  let value: unknown;
  // a BOM (what some Windows editors write first) is not part of the JSON
  const json = text.text.charCodeAt(0) === 0xfeff ? text.text.slice(1) : text.text;
  if (jsonTextDepth(json, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    throw new ScenarioError(text.source, '', `its JSON may nest at most ${MAX_JSON_DEPTH} levels`);
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ScenarioError(text.source, '', `not JSON (${(error as Error).message})`);
  }
  const shape = validator.forSchema(schema()).validate(value);
  if (!shape.valid) {
    const v = shape.violations[0]!;
    throw new ScenarioError(text.source, v.pointer, firstRule(v).replace('the contract', SCHEMA_FILE));
  }
  const scenario = value as Scenario;
  if (scenario.release !== undefined && typeof namedRelease(scenario.release) === 'string')
    throw new ScenarioError(text.source, '/release', namedRelease(scenario.release) as string);
  return scenario;
}

/** The release a parsed scenario names, as a profile; undefined when it names none. */
export function scenarioRelease(scenario: Scenario): ReleaseProfile | undefined {
  const release = scenario.release === undefined ? undefined : namedRelease(scenario.release);
  return typeof release === 'object' ? release : undefined;
}

/**
 * Checks every inline Task and Run of a parsed scenario against the contract (as of its release:
 * the caller's `validator`), then the invariants. Throws the first problem as a one-line ScenarioError.
 */
export function checkScenarioDocuments(text: ScenarioText, scenario: Scenario, validator: ContractValidator): void {
  const tasks = scenario.tasks ?? [];
  const byId = new Map<string, unknown>();
  tasks.forEach((task, i) => {
    const verdict = checkDocument(validator, 'task', task);
    const v = verdict.schema[0];
    if (v)
      throw new ScenarioError(
        text.source,
        `/tasks/${i}${v.pointer}`,
        `${contractName(scenario)} Task: ${firstRule(v)}`,
      );
    if (byId.has(task.taskId))
      throw new ScenarioError(text.source, `/tasks/${i}/taskId`, `task id '${task.taskId}' is used by an earlier task`);
    const broken = verdict.invariants[0];
    if (broken)
      throw new ScenarioError(text.source, `/tasks/${i}${broken.pointer}`, `${broken.invariant}: ${broken.message}`);
    byId.set(task.taskId, task);
  });
  for (const [taskId, runs] of Object.entries(scenario.runs ?? {})) {
    const task = byId.get(taskId);
    if (!task) throw new ScenarioError(text.source, `/runs/${taskId}`, 'runs of a task that is not in /tasks');
    runs.forEach((run, i) => {
      const verdict = checkDocument(validator, 'run', run, { task });
      const v = verdict.schema[0];
      if (v)
        throw new ScenarioError(
          text.source,
          `/runs/${taskId}/${i}${v.pointer}`,
          `${contractName(scenario)} Run: ${firstRule(v)}`,
        );
      const broken = verdict.invariants[0];
      if (broken)
        throw new ScenarioError(
          text.source,
          `/runs/${taskId}/${i}${broken.pointer}`,
          `${broken.invariant}: ${broken.message}`,
        );
    });
  }
}
