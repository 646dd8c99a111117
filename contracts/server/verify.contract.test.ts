// The whole `tasks-contract verify` run as a jest suite: one test per endpoint x check, so a jest
// pipeline (with jest-junit) reports it like any other test. Against the embedded mock by default;
// set CONTRACT_BASE_URL (and credentials) to check a real server.
import { afterAll, describe, expect, it } from '@jest/globals';
import { verify } from '../../src/runner/engine.js';
import { loadContractCached } from '../../src/spec/load.js';
import { contractTarget } from './target.js';

const target = await contractTarget();
afterAll(() => target.close());
const outcome = await verify({
  contract: await loadContractCached(),
  baseUrl: target.adminUrl,
  token: target.token,
  allowWrites: target.embedded || process.env['CONTRACT_ALLOW_WRITES'] === '1',
});

it('reaches the server', () => expect(outcome.unreachable).toBe(false));
it('has no errors of the tool or the spec', () => expect(outcome.errors).toEqual([]));

const endpoints = [...new Set(outcome.tally.map((row) => row.endpoint))];
describe.each(endpoints)('%s', (endpoint) => {
  const rows = outcome.tally.filter((row) => row.endpoint === endpoint);
  it.each(rows.map((row) => [row.check, row] as const))('%s', (check) => {
    const findings = outcome.findings
      .filter((f) => f.endpoint === endpoint && f.check === check && f.severity !== 'warning')
      .map((f) => `${f.url} ${f.pointer} ${f.message}\n  ${f.curl}`);
    expect(findings).toEqual([]);
  });
});
