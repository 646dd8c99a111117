import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { INPUT_LIMITS, InputError, parseJsonText, readTextFile } from '../../input/index.js';
import type { SeverityOverride } from './change.js';
import { RULES_BY_ID } from './rules/index.js';

/** The file `spec diff` and `spec gate` read their settings from, in the working folder. */
export const CONFIG_FILE = '.tasks-contract.yaml';
/** The key of `package.json` that may hold the same settings instead. */
export const PACKAGE_KEY = 'tasks-contract';

/** Settings of `spec diff`: severities by rule id. */
export interface DiffConfig {
  readonly severity: Readonly<Record<string, SeverityOverride>>;
  /** Where the settings came from, or undefined when none were found. */
  readonly source: string | undefined;
}

/** A config file the user must fix; its message is one line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LEVELS = new Set(['error', 'warning', 'info', 'off']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validate(raw: unknown, source: string): DiffConfig {
  if (raw === undefined || raw === null) return { severity: {}, source };
  if (!isRecord(raw)) throw new ConfigError(`${source}: "spec-diff" must be a mapping`);
  const unknownKey = Object.keys(raw).find((key) => key !== 'severity');
  if (unknownKey) throw new ConfigError(`${source}: unknown setting spec-diff.${unknownKey} (known: severity)`);
  const severity = raw['severity'] ?? {};
  if (!isRecord(severity)) throw new ConfigError(`${source}: spec-diff.severity must map rule ids to a severity`);
  for (const [rule, level] of Object.entries(severity)) {
    if (!RULES_BY_ID.has(rule))
      throw new ConfigError(`${source}: unknown rule id ${rule} (tasks-contract spec rules lists them)`);
    if (typeof level !== 'string' || !LEVELS.has(level))
      throw new ConfigError(
        `${source}: severity of ${rule} must be error, warning, info or off, got ${JSON.stringify(level)}`,
      );
  }
  return { severity: severity as Record<string, SeverityOverride>, source };
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readTextFile(path, { what: 'config', maxBytes: INPUT_LIMITS.documentBytes.value });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error.problem === 'missing') return undefined;
    throw new ConfigError(error.message);
  }
}

/**
 * Reads the diff settings: `--config FILE` when given, else `.tasks-contract.yaml` in `cwd`, else the
 * `"tasks-contract"` key of `cwd`'s package.json; none of them is fine (defaults). The settings live
 * under `spec-diff`:
 *
 * @example
 * // .tasks-contract.yaml
 * // spec-diff:
 * //   severity:
 * //     response-enum-value-removed: error   # our mock and recordings must keep up
 * //     request-parameter-removed: off
 * const { severity } = await loadDiffConfig({ cwd: process.cwd() });
 */
export async function loadDiffConfig(options: { cwd: string; file?: string }): Promise<DiffConfig> {
  if (options.file !== undefined) {
    const path = resolve(options.cwd, options.file);
    const text = await readIfPresent(path);
    if (text === undefined) throw new ConfigError(`cannot read config ${path}: no such file`);
    return fromYaml(text, path);
  }
  const yamlPath = join(options.cwd, CONFIG_FILE);
  const text = await readIfPresent(yamlPath);
  if (text !== undefined) return fromYaml(text, yamlPath);
  const packagePath = join(options.cwd, 'package.json');
  const packageText = await readIfPresent(packagePath);
  if (packageText === undefined) return { severity: {}, source: undefined };
  let parsed: unknown;
  try {
    parsed = parseJsonText(packageText, { label: packagePath });
  } catch (error) {
    if (error instanceof InputError) throw new ConfigError(error.message);
    throw error;
  }
  const section = isRecord(parsed) ? parsed[PACKAGE_KEY] : undefined;
  if (section === undefined) return { severity: {}, source: undefined };
  if (!isRecord(section)) throw new ConfigError(`${packagePath}: "${PACKAGE_KEY}" must be an object`);
  return validate(section['spec-diff'], `${packagePath} ("${PACKAGE_KEY}")`);
}

function fromYaml(text: string, path: string): DiffConfig {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new ConfigError(`cannot parse ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (parsed !== null && parsed !== undefined && !isRecord(parsed)) throw new ConfigError(`${path} must be a mapping`);
  return validate(isRecord(parsed) ? parsed['spec-diff'] : undefined, path);
}
