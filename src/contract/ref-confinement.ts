import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBytes, INPUT_LIMITS, InputError, readTextFile } from '../input/index.js';
import { SpecLoadError } from './errors.js';

/** What `loadContract` passes: how the spec is named and read, and the extra folders the user allowed. */
interface ConfinementOptions {
  readonly readText?: (absolutePath: string) => Promise<string>;
  readonly allowedRefRoots?: readonly string[];
}

/** A resolver plugin of json-schema-ref-parser that reads every `$ref`, and the refusal it met, if any. */
export interface ConfinedRefReader {
  readonly order: number;
  canRead(): boolean;
  read(file: { url: string }): Promise<string>;
  /** The first `$ref` refused: `dereference` throws it instead of the resolver's wrapped error. */
  refusal: SpecLoadError | undefined;
}

const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

function inside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * The only way a spec's `$ref`s reach files: a path inside the spec's own folder or one of
 * `allowedRefRoots` (after `..` and symlinks are resolved), read within `INPUT_LIMITS.specBytes`.
 * Anything else (an absolute path elsewhere, `..` out, `file://` elsewhere, `/proc`, `http(s)://`, any
 * other scheme) is refused in one line naming the `$ref`, before anything is read or sent. A spec
 * from git (`readText`) is confined the same way, and its files are read from the same revision.
 *
 * @example $RefParser.dereference(path, doc, { resolve: { file: false, http: false, confined: confinedRefReader(path, label, {}) } })
 */
export function confinedRefReader(specPath: string, label: string, options: ConfinementOptions): ConfinedRefReader {
  const roots = [dirname(specPath), ...(options.allowedRefRoots ?? []).map((root) => resolve(root))];
  const rootList = roots.join(', ');
  const reader: ConfinedRefReader = {
    order: 1,
    canRead: () => true,
    refusal: undefined,
    async read(file: { url: string }) {
      const refuse = (why: string): never => {
        reader.refusal ??= new SpecLoadError(
          `spec ${label}: $ref ${JSON.stringify(file.url)} is refused: ${why}; a $ref may only name files under ${rootList} (add a folder with --allow-ref-root DIR)`,
          specPath,
        );
        throw reader.refusal;
      };
      const scheme = SCHEME.exec(file.url)?.[1]?.toLowerCase();
      let path: string;
      if (scheme === 'file') {
        try {
          path = fileURLToPath(file.url);
        } catch {
          return refuse('it is not a local file URL');
        }
      } else if (scheme !== undefined && !/^[a-z]:[\\/]/i.test(file.url)) {
        return refuse(scheme.startsWith('http') ? 'specs are never read from the network' : `${scheme}: is not a file`);
      } else {
        path = decodeURIComponent(file.url);
      }
      path = resolve(path);
      if (!roots.some((root) => inside(root, path))) return refuse('it is outside the folders a spec may read');
      if (options.readText) {
        const text = await options.readText(path);
        if (Buffer.byteLength(text) > INPUT_LIMITS.specBytes.value)
          return refuse(`it is larger than ${formatBytes(INPUT_LIMITS.specBytes.value)}`);
        return text;
      }
      // a symlink inside a root may point out of it: the real path must be inside a real root too
      const real = await realpath(path).catch(() => path);
      const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => root)));
      if (!realRoots.some((root) => inside(root, real))) return refuse('it is a link to a file outside them');
      try {
        return await readTextFile(path, { what: 'spec', maxBytes: INPUT_LIMITS.specBytes.value });
      } catch (error) {
        if (error instanceof InputError) {
          reader.refusal ??= new SpecLoadError(
            `spec ${label}: $ref ${JSON.stringify(file.url)}: ${error.reason}`,
            specPath,
          );
          throw reader.refusal;
        }
        throw error;
      }
    },
  };
  return reader;
}
