// The whole `tasks-contract verify` run as a jest suite: one test per endpoint x check, so a jest
// pipeline (with jest-junit) reports it like any other test. Against the embedded mock by default;
// set CONTRACT_BASE_URL (and credentials) to check a real server.
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadContractCached } from '../../src/contract/load.js';
import { verify } from '../../src/verify/engine.js';
import { contractTarget } from './target.js';

const target = await contractTarget();
afterAll(() => target.close());
const outcome = await verify({
  contract: await loadContractCached(),
  baseUrl: target.adminUrl,
  token: target.token,
  allowWrites: target.embedded || process.env['CONTRACT_ALLOW_WRITES'] === '1',
});

// The checks each endpoint must have run, written out: a check that stops running fails its test
// here instead of disappearing from the suite.
const AN_ANSWER = ['transport', 'http-status', 'content-type', 'error-envelope', 'response-schema', 'secrets'];
const A_READ = [...AN_ANSWER, 'invariants', 'pjson-equals-json', 'auth-required', 'auth-invalid'];
// GETs also carry the read-only error-path probes (unknown and malformed ids, an unknown f)
const A_GET = [...A_READ, 'html-is-html', 'error-paths'];
const A_POST = [...A_READ, 'get-equals-post'];
const writes = outcome.meta.allowWrites;
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'GET /system/tasks': [...A_GET, 'list-consistency'],
  'POST /system/tasks': A_POST,
  // each task and run read is compared with its item in the list as it arrives (list-consistency)
  'GET /system/tasks/{taskId}': writes
    ? [...A_GET, 'list-consistency', 'write-effect']
    : [...A_GET, 'list-consistency'],
  'POST /system/tasks/{taskId}': A_POST,
  'GET /system/tasks/{taskId}/runs': [...A_GET, 'list-consistency'],
  'POST /system/tasks/{taskId}/runs': A_POST,
  'GET /system/tasks/{taskId}/runs/{runId}': [...A_GET, 'list-consistency'],
  'POST /system/tasks/{taskId}/runs/{runId}': A_POST,
  ...(writes
    ? Object.fromEntries(
        ['createTask', '{taskId}/update', '{taskId}/enable', '{taskId}/disable', '{taskId}/delete'].map((path) => [
          `POST /system/tasks/${path}`,
          AN_ANSWER,
        ]),
      )
    : {}),
};

it('reaches the server', () => expect(outcome.unreachable).toBe(false));
it('has no errors of the tool or the spec', () => expect(outcome.errors).toEqual([]));
it('ran on exactly the endpoints it expects', () =>
  expect([...new Set(outcome.tally.map((row) => row.endpoint))].sort()).toEqual(Object.keys(EXPECTED).sort()));

describe.each(Object.keys(EXPECTED))('%s', (endpoint) => {
  const ran = outcome.tally.filter((row) => row.endpoint === endpoint).map((row) => row.check);
  it('ran no check it does not expect', () =>
    expect(ran.filter((check) => !EXPECTED[endpoint]!.includes(check))).toEqual([]));
  it.each(EXPECTED[endpoint]!)('%s', (check) => {
    expect(ran).toContain(check);
    const findings = outcome.findings
      .filter((f) => f.endpoint === endpoint && f.check === check && f.severity !== 'warning')
      .map((f) => `${f.url} ${f.pointer} ${f.message}\n  ${f.curl}`);
    expect(findings).toEqual([]);
  });
});
