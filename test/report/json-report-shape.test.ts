// The verify JSON report has one shape, the TypeScript types of the outcome; the JSON Schema that
// `report merge` reads it back with is held against them here: at compile time (`npm run typecheck`
// fails when a required field is added to one and not the other), and at run time on a real report.
import { describe, expect, it } from '@jest/globals';
import { loadContractCached } from '../../src/contract/load.js';
import { obtainToken } from '../../src/http/token-client.js';
import { startMockServer } from '../../src/mock/index.js';
import { jsonReport } from '../../src/report/json.js';
import { parseVerifyJsonReport, type VERIFY_JSON_REPORT_SCHEMA } from '../../src/report/read-json-report.js';
import { verify } from '../../src/verify/engine.js';
import type { Finding, ToolError } from '../../src/verify/finding.js';
import type { RunMetadata } from '../../src/verify/outcome.js';
import type { TallyRow } from '../../src/verify/tally.js';

/** The keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** true when A and B are the same union of keys. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type Schema = typeof VERIFY_JSON_REPORT_SCHEMA;
type RequiredOf<S> = S extends { readonly required: readonly (infer K)[] } ? K : never;

// each line fails to compile ("true is not assignable to false") when the type and the schema part
const metaAgrees: Same<RequiredKeys<RunMetadata>, RequiredOf<Schema['properties']['meta']>> = true;
const tallyAgrees: Same<RequiredKeys<TallyRow>, RequiredOf<Schema['properties']['tally']['items']>> = true;
const errorsAgree: Same<RequiredKeys<ToolError>, RequiredOf<Schema['properties']['errors']['items']>> = true;
// a finding's expected and actual values are any JSON, so the schema does not name them
const findingsAgree: Same<
  Exclude<RequiredKeys<Finding>, 'expected' | 'actual'>,
  RequiredOf<Schema['properties']['findings']['items']>
> = true;

describe('the verify JSON report', () => {
  it('declares the required fields of the outcome types (checked by the type check)', () => {
    expect([metaAgrees, tallyAgrees, errorsAgree, findingsAgree]).toEqual([true, true, true, true]);
  });

  it('reads back what a real run wrote, field for field', async () => {
    const mock = await startMockServer({ port: 0, host: '127.0.0.1', tasks: 3, clock: Date.now() });
    try {
      const outcome = await verify({
        contract: await loadContractCached(),
        baseUrl: mock.adminUrl,
        token: await obtainToken({ tokenUrl: mock.tokenUrl, ...mock.credentials, referer: mock.url }),
        timeoutMs: 30_000,
      });
      const read = parseVerifyJsonReport(jsonReport(outcome), 'run.json');
      expect(JSON.parse(JSON.stringify(read))).toEqual(JSON.parse(JSON.stringify(outcome)));
    } finally {
      await mock.close();
    }
  });
});
