import { createHash } from 'node:crypto';

/**
 * The digest that names a contract in reports: `sha256:` and the hex SHA-256 of the spec file's
 * bytes, so `sha256sum spec/openapi.yaml` gives the same value. Reports made against different
 * specs are never merged.
 *
 * @example specDigest('openapi: 3.1.0\n') // 'sha256:…'
 */
export function specDigest(text: string | Buffer): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}
