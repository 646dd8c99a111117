import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { curlCommand, shellQuote } from '../../src/http/curl.js';
import { Redactor } from '../../src/redaction/index.js';
import { consoleReport } from '../../src/report/console.js';
import { verifyHtmlReport } from '../../src/report/html/verify-html.js';
import { jsonReport } from '../../src/report/json.js';
import { junitReport } from '../../src/report/junit.js';
import { parseReportTarget } from '../../src/report/targets.js';
import type { VerifyOutcome } from '../../src/verify/outcome.js';

const finding = (check: string, severity: 'error' | 'warning' | 'security', message: string) => ({
  check,
  severity,
  endpoint: 'GET /system/tasks/{taskId}',
  url: 'http://h/arcgis/admin/system/tasks/abc?f=json',
  pointer: '/taskState',
  message,
  expected: ['active', 'paused'],
  actual: 'running <&> "quoted"',
  curl: `curl -sS 'http://h/arcgis/admin/system/tasks/abc?f=json&token='"$TOKEN"`,
});

const outcome: VerifyOutcome = {
  meta: {
    tool: 'tasks-contract verify',
    baseUrl: 'http://h/arcgis/admin',
    spec: 'spec/openapi.yaml',
    specDigest: 'sha256:0f',
    embeddedMock: false,
    startedAt: '2025-06-01T00:00:00.000Z',
    finishedAt: '2025-06-01T00:00:01.000Z',
    durationMs: 1000,
    shard: { index: 1, count: 1 },
    allowWrites: false,
    concurrency: 8,
    timeoutMs: 30_000,
    checks: ['response-schema', 'pjson-equals-json', 'secrets'],
    requests: 10,
    answered: 10,
    tasks: 1,
    runs: 0,
  },
  findings: [
    finding('response-schema', 'error', 'must be equal to one of the allowed values'),
    finding('pjson-equals-json', 'warning', 'f=pjson is not pretty-printed'),
    finding('secrets', 'security', 'a plaintext passcode'),
  ],
  errors: [{ check: 'invariants', endpoint: 'GET /system/tasks/{taskId}', message: 'the check failed: boom' }],
  tally: [
    { endpoint: 'GET /system/tasks', check: 'response-schema', passed: 1, failed: 0, warned: 0 },
    { endpoint: 'GET /system/tasks/{taskId}', check: 'response-schema', passed: 0, failed: 1, warned: 0 },
    { endpoint: 'GET /system/tasks/{taskId}', check: 'pjson-equals-json', passed: 0, failed: 0, warned: 1 },
    { endpoint: 'GET /system/tasks/{taskId}', check: 'secrets', passed: 1, failed: 1, warned: 0 },
  ],
  unreachable: false,
};

describe('junitReport', () => {
  const xml = junitReport(outcome);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  }).parse(xml) as {
    testsuites: {
      tests: string;
      failures: string;
      errors: string;
      testsuite: {
        name: string;
        tests: string;
        failures: string;
        errors: string;
        testcase: Record<string, unknown>[];
      }[];
    };
  };

  it('has one testsuite per endpoint and one testcase per endpoint x check (plus one per tool error)', () => {
    expect(parsed.testsuites.testsuite.map((s) => s.name)).toEqual(['GET /system/tasks', 'GET /system/tasks/{taskId}']);
    expect(parsed.testsuites.testsuite.map((s) => s.testcase.map((c) => c['name']))).toEqual([
      ['response-schema'],
      ['response-schema', 'pjson-equals-json', 'secrets', 'invariants'],
    ]);
    expect(parsed.testsuites.tests).toBe('5');
  });

  it('fails the cases with errors or security findings, keeps warnings as output, and tool errors as <error>', () => {
    const cases = parsed.testsuites.testsuite[1]!.testcase;
    expect((cases[0]!['failure'] as { type: string }).type).toBe('error');
    expect(cases[1]!['failure']).toBeUndefined();
    expect(String(cases[1]!['system-out'])).toContain('not pretty-printed');
    expect((cases[2]!['failure'] as { type: string }).type).toBe('security');
    expect((cases[3]!['error'] as { message: string }).message).toBe('the check failed: boom');
    expect([parsed.testsuites.failures, parsed.testsuites.errors]).toEqual(['2', '1']);
  });

  it('stays well-formed XML with markup in the values, and keeps the curl command', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<![CDATA[ERROR http://h/arcgis/admin/system/tasks/abc?f=json at /taskState');
    expect(xml).toContain(`token='"$TOKEN"`);
  });
});

describe('jsonReport and consoleReport', () => {
  it('JSON has the metadata, counts and every finding', () => {
    const report = JSON.parse(jsonReport(outcome)) as Record<string, unknown>;
    expect(report['conforms']).toBe(false);
    expect(report['counts']).toEqual({ error: 1, security: 1, warning: 1, toolErrors: 1 });
    expect(report['findings']).toEqual(outcome.findings);
    expect((report['meta'] as { baseUrl: string }).baseUrl).toBe('http://h/arcgis/admin');
  });

  it('the console prints the table, each finding with its curl, and the verdict', () => {
    const text = consoleReport(outcome);
    expect(text).toMatch(/GET \/system\/tasks\/\{taskId\}\s+secrets\s+1\s+1\s+0/);
    expect(text).toContain('SECURITY [secrets] GET /system/tasks/{taskId} at /taskState');
    expect(text).toContain(`  curl -sS 'http://h/arcgis/admin/system/tasks/abc?f=json&token='"$TOKEN"`);
    expect(text).toContain('Errors of the tool or the spec (1), not of the server:');
    expect(text).toContain('Does not conform: 1 errors, 1 security findings, 1 warnings, 1 tool errors.');
  });
});

describe('verifyHtmlReport', () => {
  it('escapes every value a server or a spec sent, in text and in attributes', () => {
    const hostile = 'x" onmouseover="alert(1)" data-x=\'<img src=x onerror=alert(2)>';
    const page = verifyHtmlReport({
      ...outcome,
      findings: [
        {
          ...outcome.findings[0]!,
          endpoint: `GET /${hostile}`,
          check: hostile,
          message: hostile,
          pointer: `/${hostile}`,
        },
      ],
      tally: [{ endpoint: `GET /${hostile}`, check: hostile, passed: 0, failed: 1, warned: 0 }],
    });
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script>window');
    expect(page).not.toMatch(/ onmouseover="/);
    expect(page).not.toContain("data-x='");
    expect(page).toContain('x&quot; onmouseover=&quot;alert(1)&quot; data-x=&#39;&lt;img src=x onerror=alert(2)&gt;');
    expect(page.match(/<script>/g)).toHaveLength(1);
  });

  it('names the spec by digest and shows the site version when a run learnt it', () => {
    const page = verifyHtmlReport({
      ...outcome,
      meta: { ...outcome.meta, siteVersion: '11.4' } as VerifyOutcome['meta'],
    });
    expect(page).toContain('<dt>Spec digest</dt><dd><span class="mono">sha256:0f</span></dd>');
    expect(page).toContain('<dt>Site version</dt><dd>11.4</dd>');
    expect(verifyHtmlReport(outcome)).not.toContain('Site version');
  });
});

describe('curlCommand', () => {
  it('puts $TOKEN in the query on GET and in the form on POST; a shell expands it', () => {
    const get = curlCommand({ method: 'GET', url: "http://h/it's", query: { f: 'json' }, auth: 'token' });
    expect(get).toBe(`curl -sS 'http://h/it'\\''s?f=json&token='"$TOKEN"`);
    const post = curlCommand({ method: 'POST', url: 'http://h/x', query: {}, form: { f: 'json' }, auth: 'token' });
    expect(post).toBe(`curl -sS -X POST 'http://h/x' --data-urlencode 'f=json' --data-urlencode 'token='"$TOKEN"`);
    // the shell sees exactly the URL with the token substituted
    const echoed = execFileSync('sh', ['-c', get.replace(/^curl -sS /, 'printf %s ')], {
      env: { TOKEN: 'T$1 x', PATH: process.env['PATH'] },
    }).toString();
    expect(echoed).toBe("http://h/it's?f=json&token=T$1 x");
  });

  it('masks secret form fields (a probe passcode) and writes invalid tokens literally', () => {
    const post = curlCommand({
      method: 'POST',
      url: 'http://h/c',
      query: {},
      form: { parameters: '{"passcode":"s3cret-pass"}' },
      auth: 'invalid',
      invalidToken: 'bad',
      secretFields: ['parameters'],
    });
    expect(post).not.toContain('s3cret-pass');
    expect(post).toContain('CHANGE-ME-passcode');
    expect(post).toContain(`'token=bad'`);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});

describe('Redactor', () => {
  it('masks every secret, URL-encoded or JSON-escaped too, deep in any value', () => {
    const redactor = new Redactor(['p@ss"word', undefined, 'ab']);
    const value = {
      a: ['x p@ss"word y', 'p%40ss%22word', 'p@ss\\"word'],
      n: 1,
      ab: 'ab stays: too short to be a secret',
    };
    expect(redactor.redact(value)).toEqual({
      a: ['x ******** y', '********', '********'],
      n: 1,
      ab: 'ab stays: too short to be a secret',
    });
  });
});

describe('parseReportTarget', () => {
  it('reads format:file and names the mistake otherwise', () => {
    expect(parseReportTarget('junit:out/v.xml')).toEqual({ format: 'junit', file: 'out/v.xml' });
    expect(parseReportTarget('json:C:/v.json')).toEqual({ format: 'json', file: 'C:/v.json' });
    expect(parseReportTarget('html:r.html')).toEqual({ format: 'html', file: 'r.html' });
    expect(parseReportTarget('xml:x')).toMatch(/junit:FILE, json:FILE or html:FILE/);
  });
});
