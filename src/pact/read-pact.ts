import { INPUT_LIMITS, InputError, parseJsonText, readTextFile } from '../input/index.js';
import { PactFileError } from './errors.js';
import { normalizeRules } from './matching-rules.js';
import type { Pact, PactInteraction, PactRequest, PactResponse, ProviderState } from './model.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The pact specification version a file declares ("2.0.0", "3.0.0", "4.0"); files without one are v2, as in Pact itself. */
function specificationOf(pact: Json): string {
  const metadata = isRecord(pact['metadata']) ? pact['metadata'] : {};
  const candidates = [
    isRecord(metadata['pactSpecification']) ? metadata['pactSpecification']['version'] : undefined,
    isRecord(metadata['pact-specification']) ? metadata['pact-specification']['version'] : undefined,
    metadata['pactSpecificationVersion'],
  ];
  const found = candidates.find((v) => typeof v === 'string');
  return (found as string | undefined) ?? '2.0.0';
}

function headerMap(raw: unknown): Record<string, string> {
  if (!isRecord(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.map(String).join(', ') : String(v)]),
  );
}

function queryMap(raw: unknown): Record<string, string[]> {
  if (typeof raw === 'string') {
    const result: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      result[k] ??= [];
      result[k].push(v);
    }
    return result;
  }
  if (!isRecord(raw)) return {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : [String(v)]]));
}

function isForm(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** A body as a value: v4 bodies are `{content, contentType, encoded}`; form text becomes its fields. */
function bodyOf(
  raw: unknown,
  contentType: string | undefined,
  v4: boolean,
): { body: unknown; contentType: string | undefined } {
  let body = raw;
  let type = contentType;
  if (v4 && isRecord(raw) && 'content' in raw) {
    type ??= typeof raw['contentType'] === 'string' ? raw['contentType'] : undefined;
    body = raw['content'];
    if (raw['encoded'] === 'base64' && typeof body === 'string') body = Buffer.from(body, 'base64').toString('utf8');
    if (raw['encoded'] === 'json' && typeof body === 'string')
      body = parseJsonText(body, { label: 'a body encoded as JSON' });
  }
  if (typeof body === 'string' && isForm(type)) body = Object.fromEntries(new URLSearchParams(body));
  return { body, contentType: type };
}

function providerStates(raw: Json): ProviderState[] {
  if (Array.isArray(raw['providerStates'])) {
    return raw['providerStates']
      .filter(isRecord)
      .map((s) => ({ name: String(s['name']), params: isRecord(s['params']) ? s['params'] : {} }));
  }
  return typeof raw['providerState'] === 'string' ? [{ name: raw['providerState'], params: {} }] : [];
}

function generators(raw: unknown): PactRequest['generators'] {
  return isRecord(raw) ? (raw as PactRequest['generators']) : {};
}

function request(raw: Json, v4: boolean, where: string): PactRequest {
  if (typeof raw['method'] !== 'string' || typeof raw['path'] !== 'string') {
    throw new Error(`${where}: request needs a method and a path`);
  }
  const headers = headerMap(raw['headers']);
  const { body, contentType } = bodyOf(raw['body'], headers['content-type'], v4);
  return {
    method: raw['method'].toUpperCase(),
    path: raw['path'],
    query: queryMap(raw['query']),
    headers,
    body,
    contentType,
    rules: normalizeRules(raw['matchingRules']),
    generators: generators(raw['generators']),
  };
}

function response(raw: Json, v4: boolean, where: string): PactResponse {
  const status = raw['status'] ?? 200;
  if (typeof status !== 'number' || !Number.isInteger(status))
    throw new Error(`${where}: response status must be an integer`);
  const headers = headerMap(raw['headers']);
  const { body, contentType } = bodyOf(raw['body'], headers['content-type'], v4);
  return {
    status,
    headers,
    body,
    contentType,
    rules: normalizeRules(raw['matchingRules']),
    generators: generators(raw['generators']),
  };
}

/** Normalizes a parsed pact document (v1-v4). Throws PactFileError with one line for anything malformed. */
export function normalizePact(parsed: unknown, file: string): Pact {
  if (!isRecord(parsed)) throw new PactFileError(`${file} is not a pact file: expected a JSON object`, file);
  const specification = specificationOf(parsed);
  const major = Number.parseInt(specification, 10);
  if (![1, 2, 3, 4].includes(major)) {
    throw new PactFileError(`${file} declares pact specification ${specification}; supported are 1.x to 4.x`, file);
  }
  if (!Array.isArray(parsed['interactions'])) {
    const hint = Array.isArray(parsed['messages']) ? ' (a message pact: only HTTP interactions are supported)' : '';
    throw new PactFileError(`${file} has no "interactions" list${hint}`, file);
  }
  const v4 = major === 4;
  const interactions: PactInteraction[] = [];
  const skipped: string[] = [];
  try {
    parsed['interactions'].forEach((raw, index) => {
      const where = `interaction ${index + 1}`;
      if (!isRecord(raw)) throw new Error(`${where} is not an object`);
      const description = typeof raw['description'] === 'string' ? raw['description'] : where;
      if (v4 && raw['type'] !== undefined && raw['type'] !== 'Synchronous/HTTP') {
        skipped.push(`${description} (${String(raw['type'])})`);
        return;
      }
      if (!isRecord(raw['request']) || !isRecord(raw['response']))
        throw new Error(`${where} needs a request and a response`);
      interactions.push({
        description,
        providerStates: providerStates(raw),
        request: request(raw['request'], v4, where),
        response: response(raw['response'], v4, where),
        pending: raw['pending'] === true,
      });
    });
  } catch (error) {
    throw new PactFileError(`${file} is malformed: ${(error as Error).message}`, file);
  }
  const name = (party: unknown) => (isRecord(party) && typeof party['name'] === 'string' ? party['name'] : 'unknown');
  return {
    file,
    consumer: name(parsed['consumer']),
    provider: name(parsed['provider']),
    specification,
    interactions,
    skipped,
  };
}

/**
 * Reads a pact file as pact-js (or any Pact implementation) writes it, specification v1 to v4.
 *
 * @example
 * const pact = await readPact('contracts/pacts/BackupDashboard-ArcGISEnterpriseAdmin.json');
 * for (const interaction of pact.interactions) console.log(interaction.description);
 */
export async function readPact(file: string): Promise<Pact> {
  let parsed: unknown;
  try {
    const text = await readTextFile(file, { what: 'pact', maxBytes: INPUT_LIMITS.pactBytes.value });
    parsed = parseJsonText(text, { label: file });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const message =
      error.problem === 'syntax' || error.problem === 'too-deep'
        ? error.message
        : `cannot read pact ${file}: ${error.reason}`;
    throw new PactFileError(message, file);
  }
  try {
    return normalizePact(parsed, file);
  } catch (error) {
    if (error instanceof InputError) throw new PactFileError(`${file}: ${error.message}`, file);
    throw error;
  }
}
