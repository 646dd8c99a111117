import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isSecretField } from '../../../domain/secrets.js';
import { MIN_FREE_TEXT_SECRET_LENGTH, Redactor } from '../../../redaction/index.js';
import { essence } from '../../../validation/media-type.js';
import { ArtifactError, type ArtifactSource, type DocumentArtifact, TARGETS } from '../artifact.js';
import { isDirectory, isRecord, jsonFilesIn, readJsonFile } from '../read-json.js';

/** A HAR entry's response body as a value: JSON when its media type says so, else text. */
function harBody(content: Record<string, unknown>, mediaType: string): { value: unknown } | { error: string } {
  const raw = typeof content['text'] === 'string' ? content['text'] : '';
  const text = content['encoding'] === 'base64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (!/[/+]json$/.test(mediaType)) return { value: text };
  try {
    return { value: JSON.parse(text) };
  } catch {
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

async function harArtifacts(file: string, dir: string): Promise<{ artifacts: DocumentArtifact[]; secrets: string[] }> {
  const har = await readJsonFile(file);
  const entries = isRecord(har) && isRecord(har['log']) ? har['log']['entries'] : undefined;
  if (!Array.isArray(entries)) throw new ArtifactError(`${file} is not a HAR file (no log.entries)`);
  const artifacts: DocumentArtifact[] = [];
  const secrets: string[] = [];
  entries.forEach((entry, index) => {
    if (!isRecord(entry) || !isRecord(entry['request']) || !isRecord(entry['response'])) return;
    const { request, response } = entry as { request: Record<string, unknown>; response: Record<string, unknown> };
    let url: URL;
    try {
      url = new URL(String(request['url']));
    } catch {
      return;
    }
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
  return { artifacts, secrets };
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
 * `runs/<id>.json`; `meta.json` is ignored) and `traffic.har`, each of whose exchanges is checked
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
      const secrets: string[] = [];
      if (await exists(har)) {
        const found = await harArtifacts(har, dir);
        artifacts.push(...found.artifacts);
        secrets.push(...found.secrets);
      }
      const notes =
        artifacts.length === 0 ? [`nothing recorded in ${dir} (no tasks.json, tasks/, runs/ or traffic.har)`] : [];
      return { artifacts, notes, secrets };
    },
  };
}
