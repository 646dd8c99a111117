import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/contract/package-root.js';

/** The committed pact files (`contracts/pacts/`), which check-spec and verify read. */
const COMMITTED_PACTS = join(packageRoot(), 'contracts', 'pacts');

/**
 * Where a consumer test writes its pact: `contracts/pacts/` with PACT_OUTPUT=commit (`npm run pacts`),
 * else a temporary folder, so a test run never changes committed files behind your back.
 */
export function pactOutputDir(): string {
  return process.env['PACT_OUTPUT'] === 'commit' ? COMMITTED_PACTS : mkdtempSync(join(tmpdir(), 'pacts-'));
}

/** The pact written by this run, and the committed one, as parsed JSON (to compare them). */
export function writtenAndCommitted(dir: string, file: string): { written: unknown; committed: unknown } {
  return {
    written: JSON.parse(readFileSync(join(dir, file), 'utf8')),
    committed: JSON.parse(readFileSync(join(COMMITTED_PACTS, file), 'utf8')),
  };
}

/** A stand-in token: pact files are committed, so they never hold a real one. */
export const CONSUMER_TOKEN = 'consumer-test-token';
