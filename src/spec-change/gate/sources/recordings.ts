import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isSecretField } from '../../../domain/secrets.js';
import { INPUT_LIMITS, InputError, parseJsonText } from '../../../input/index.js';
import { MIN_FREE_TEXT_SECRET_LENGTH, Redactor } from '../../../redaction/index.js';
import { essence } from '../../../validation/media-type.js';
import { ArtifactError, type ArtifactSource, type DocumentArtifact, TARGETS } from '../artifact.js';
import { isDirectory, isRecord, jsonFilesIn, readJsonFile } from '../read-json.js';
import { releaseNamedBy } from './task-documents.js';

/** A HAR entry's response body as a value: JSON when its media type says so, else text. */
function harBody(content: Record<string, unknown>, mediaType: string): { value: unknown } | { error: string } {
  const raw = typeof content['text'] === 'string' ? content['text'] : '';
  const text = content['encoding'] === 'base64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (!/[/+]json$/.test(mediaType)) return { value: text };
  try {
    return { value: parseJsonText(text, { label: 'the recorded body' }) };
  } catch (error) {
    if (error instanceof InputError && error.problem === 'too-deep') return { error: error.message };
    return { error: 'the recorded body is not JSON' };
  }
}

/**
 * Token and password values met in a request (query and form), so reports can mask them. Short values
 * are left alone (MIN_FREE_TEXT_SECRET_LENGTH says why): masking `admin` would wreck every admin URL.
 */
function secretsOf(request: Record<string, unknown>, url: URL): string[] {
  return rawSecretsOf(request, url).filter((secret) => secret.length >= MIN_FREE_TEXT_SECRET_LENGTH);
}

function rawSecretsOf(request: Record<string, unknown>, url: URL): string[] {
  const found: string[] = [];
  for (const [name, value] of url.searchParams) if (isSecretField(name)) found.push(value);
  const post = isRecord(request['postData']) ? request['postData'] : {};
  const params = Array.isArray(post['params']) ? post['params'] : [];
  for (const param of params)
    if (isRecord(param) && isSecretField(String(param['name'])) && typeof param['value'] === 'string')
      found.push(param['value']);
  if (typeof post['text'] === 'string' && /x-www-form-urlencoded/.test(String(post['mimeType'])))
    for (const [name, value] of new URLSearchParams(post['text'])) if (isSecretField(name)) found.push(value);
  // a HAR a browser exported keeps cookies and credentials: the Redactor learns them from the headers
  const headers = Array.isArray(request['headers']) ? request['headers'].filter(isRecord) : [];
  const session = new Redactor();
  session.learnHeaders(headers.map((header) => ({ name: String(header['name']), value: String(header['value']) })));
  found.push(...session.known());
  return found;
}

/** Why a HAR entry cannot be checked, or undefined when it has what the gate needs. */
function entryProblem(entry: unknown): string | undefined {
  if (!isRecord(entry)) return 'it is not an object';
  if (!isRecord(entry['request'])) return 'it has no request object';
  if (!isRecord(entry['response'])) return 'it has no response object';
  if (typeof entry['request']['url'] !== 'string' || !URL.canParse(entry['request']['url']))
    return 'its request.url is not a URL';
  const status = entry['response']['status'];
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
    return 'its response.status is not an HTTP status';
  const content = entry['response']['content'];
  if (content !== undefined && !isRecord(content)) return 'its response.content is not an object';
  return undefined;
}

/** At most this many malformed entries are named one by one; the rest are counted. */
const MALFORMED_NAMED = 10;

/** The malformed entries of a HAR as notes: each named (up to `MALFORMED_NAMED`), never skipped in silence. */
function malformedNotes(file: string, malformed: readonly string[]): string[] {
  const named = malformed.slice(0, MALFORMED_NAMED).map((line) => `${basename(file)} ${line}; not checked`);
  const more = malformed.length - named.length;
  return more > 0 ? [...named, `${basename(file)}: ${more} more malformed entr${more > 1 ? 'ies' : 'y'}`] : named;
}

async function harArtifacts(
  file: string,
  dir: string,
): Promise<{ artifacts: DocumentArtifact[]; secrets: string[]; notes: string[] }> {
  const har = await readJsonFile(file, { what: 'HAR', maxBytes: INPUT_LIMITS.harBytes.value });
  const entries = isRecord(har) && isRecord(har['log']) ? har['log']['entries'] : undefined;
  if (!Array.isArray(entries)) throw new ArtifactError(`${file} is not a HAR file (no log.entries)`);
  const artifacts: DocumentArtifact[] = [];
  const secrets: string[] = [];
  const malformed: string[] = [];
  entries.forEach((entry, index) => {
    const problem = entryProblem(entry);
    if (problem !== undefined) {
      malformed.push(`#${index + 1} is a malformed HAR entry: ${problem}`);
      return;
    }
    const { request, response } = entry as { request: Record<string, unknown>; response: Record<string, unknown> };
    const url = new URL(String(request['url']));
    secrets.push(...secretsOf(request, url));
    const content = isRecord(response['content']) ? response['content'] : {};
    const mediaType = essence(String(content['mimeType'] ?? ''));
    const body = harBody(content, mediaType);
    const method = String(request['method'] ?? 'GET').toUpperCase();
    const status = Number(response['status']);
    const label = `${basename(file)} #${index + 1} ${method} ${url.pathname} -> ${status}`;
    artifacts.push({
      kind: 'recording',
      name: `${basename(dir)}/${label}`,
      file,
      documents: [
        {
          label,
          value: 'value' in body ? body.value : undefined,
          schema: { kind: 'exchange', method, path: url.pathname, status, mediaType },
          ...('error' in body ? { unreadable: body.error } : {}),
        },
      ],
    });
  });
  return { artifacts, secrets, notes: malformedNotes(file, malformed) };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** The answers a layout of `tasks-contract fixtures --out` holds: the task list, each task, each task's runs. */
async function layoutArtifacts(dir: string): Promise<DocumentArtifact[]> {
  const artifacts: DocumentArtifact[] = [];
  const name = basename(dir);
  const list = join(dir, 'tasks.json');
  if (await exists(list))
    artifacts.push({
      kind: 'recording',
      name: `${name}/tasks.json`,
      file: list,
      documents: [{ label: 'tasks.json', value: await readJsonFile(list), schema: TARGETS.taskList() }],
    });
  const answers = [
    { folder: 'tasks', target: TARGETS.task },
    { folder: 'runs', target: TARGETS.runList },
  ];
  for (const { folder, target } of answers) {
    for (const file of await jsonFilesIn(join(dir, folder))) {
      const taskId = basename(file, '.json');
      const label = `${folder}/${taskId}.json`;
      artifacts.push({
        kind: 'recording',
        name: `${name}/${label}`,
        file,
        documents: [{ label, value: await readJsonFile(file), schema: target(taskId) }],
      });
    }
  }
  return artifacts;
}

/**
 * A recordings folder: the layout of `tasks-contract fixtures --out DIR` (`tasks.json`, `tasks/<id>.json`,
 * `runs/<id>.json`; `meta.json`'s `siteVersion`, the site's release, is what they are judged as of) and `traffic.har`, each of whose exchanges is checked
 * against the operation its request reaches. The folder must exist: it was asked for.
 *
 * @example runGate({ old, new: current, sources: [recordingSource('recordings/prod')], onSecret: (s) => redactor.add(s) })
 */
export function recordingSource(dir: string): ArtifactSource {
  return {
    name: `recordings ${dir}`,
    kind: 'recording',
    async load() {
      if (!(await isDirectory(dir))) throw new ArtifactError(`--recordings ${dir}: no such folder`);
      const artifacts = await layoutArtifacts(dir);
      const har = join(dir, 'traffic.har');
      // meta.json names the recorded site's release (`siteVersion`): every answer of it is judged as of it
      const meta = join(dir, 'meta.json');
      const release = (await exists(meta)) ? releaseNamedBy({ meta: await readJsonFile(meta) }) : undefined;
      const secrets: string[] = [];
      const notes: string[] = [];
      if (await exists(har)) {
        const found = await harArtifacts(har, dir);
        artifacts.push(...found.artifacts);
        secrets.push(...found.secrets);
        notes.push(...found.notes);
      }
      if (artifacts.length === 0 && notes.length === 0)
        notes.push(`nothing recorded in ${dir} (no tasks.json, tasks/, runs/ or traffic.har)`);
      return {
        artifacts: release ? artifacts.map((artifact) => ({ ...artifact, release })) : artifacts,
        notes,
        secrets,
      };
    },
  };
}
