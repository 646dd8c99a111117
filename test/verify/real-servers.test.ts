import { describe, expect, it } from '@jest/globals';
import { formatArcGISDate } from '../../src/domain/dates.js';
import { consoleReport } from '../../src/report/console.js';
import { junitReport } from '../../src/report/junit.js';
import type { Finding } from '../../src/verify/finding.js';
import type { Json, SeedAnswer, SeedRequest } from './helpers/seed-server.js';
import { verifySeed as verifySeedQuickly } from './helpers/verify-seed.js';

/** Generous timeouts: the suite shares two cores with other suites, and a timeout is not what these test. */
const verifySeed: typeof verifySeedQuickly = (server, options = {}) =>
  verifySeedQuickly(server, { timeoutMs: 30_000, ...options });

// What real sites do that our contract has not seen: each server here differs in one such way, and
// verify must give exactly the right warnings and errors, and no false error.

const isBackup = (task: Json) => task['taskType'] === 'CreateBackup';
const warnings = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'warning');

/** A site that runs a newer release: fields the contract does not know on tasks, parameters and runs. */
const newerRelease = {
  mutateTask: (task: Json) => {
    task['lastModifiedBy'] = 'admin';
    if (isBackup(task)) (task['parameters'] as Json)['compression'] = 'zstd';
    return task;
  },
  mutateRun: (run: Json) => ({ ...run, durationMs: 3021 }),
};

describe('a site that adds fields (a newer release)', () => {
  it('warns "field X is not in the contract (a newer release?)" and exits 0 by default', async () => {
    const { outcome, exitCode, failedChecks } = await verifySeed(newerRelease);
    expect(failedChecks).toEqual([]);
    expect(exitCode).toBe(0);
    const found = warnings(outcome.findings);
    expect(found.length).toBe(outcome.findings.length);
    expect(new Set(found.map((f) => f.check))).toEqual(new Set(['response-schema']));
    const messages = new Set(found.map((f) => f.message.replace(/ \[variant .*\]$/, '')));
    for (const field of [
      '/lastModifiedBy',
      '/parameters/compression',
      '/durationMs',
      '/task/lastModifiedBy',
      '/result/0/lastModifiedBy',
    ])
      expect(messages).toContain(`field ${field} is not in the contract (a newer release?)`);
  });

  it('makes them errors under --strict, and nothing else', async () => {
    const { outcome, exitCode, failedChecks } = await verifySeed(newerRelease, { strict: true });
    expect(failedChecks).toEqual(['response-schema']);
    expect(exitCode).toBe(1);
    expect(outcome.meta.strict).toBe(true);
    expect(outcome.findings.every((f) => /is not in the contract \(a newer release\?\)/.test(f.message))).toBe(true);
  });

  it('keeps every other violation an error next to the warnings', async () => {
    const { outcome, failedChecks } = await verifySeed({
      mutateTask: (task: Json) => ({ ...task, lastModifiedBy: 'admin', generation: isBackup(task) ? '2' : 1 }),
    });
    expect(failedChecks).toEqual(['response-schema']);
    const errors = outcome.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((f) => f.pointer.endsWith('/generation') && /must be integer/.test(f.message))).toBe(true);
    expect(warnings(outcome.findings).some((f) => f.pointer.endsWith('/lastModifiedBy'))).toBe(true);
  });
});

describe('a site that formats dates in its own time zone', () => {
  // Los Angeles in October 2021 is UTC-7: its formatted dates read 7 hours early as UTC
  const pacific = (epochMs: number) => formatArcGISDate(epochMs - 7 * 3_600_000);
  const backupAt = 1_634_961_600_000; // Oct 23, 2021 04:00 UTC, the backup's hour
  const server = {
    // created 3 hours before the backup ran; the run, formatted in Los Angeles, reads as 7 hours earlier
    mutateTask: (task: Json) => (isBackup(task) ? { ...task, created: backupAt - 3 * 3_600_000 } : task),
    runsOf: (task: Json) =>
      isBackup(task)
        ? [
            {
              runId: '9b1d0f2e3c4a5b6c7d8e9f0a1b2c3d4e',
              status: 'succeeded',
              result: 'Backup created.',
              url: '',
              created: pacific(backupAt),
              modified: pacific(backupAt + 95_000),
              task,
            },
          ]
        : undefined,
  };

  it('raises no error: formatted and epoch dates are compared within the widest zone offset', async () => {
    const { outcome, exitCode } = await verifySeed(server);
    expect(outcome.findings).toEqual([]);
    expect(exitCode).toBe(0);
    expect(outcome.meta.runs).toBe(2);
  });

  it('still catches a run dated more than any zone offset before its task', async () => {
    const { failedChecks, outcome } = await verifySeed({
      ...server,
      mutateTask: (task: Json) => (isBackup(task) ? { ...task, created: backupAt + 20 * 3_600_000 } : task),
    });
    expect(failedChecks).toEqual(['invariants']);
    expect(outcome.findings.some((f) => /run-not-before-task-created/.test(f.message))).toBe(true);
  });
});

describe('a site with an enum value the contract does not know', () => {
  it('is an error of response-schema alone, naming the allowed values; no invariant cries wolf', async () => {
    const { outcome, exitCode, failedChecks } = await verifySeed({
      mutateTask: (task: Json) => (isBackup(task) ? { ...task, taskState: 'suspended' } : task),
      mutateRun: (run: Json) => ({ ...run, status: 'queued' }),
    });
    expect(failedChecks).toEqual(['response-schema']);
    expect(exitCode).toBe(1);
    expect(warnings(outcome.findings)).toEqual([]);
    const pointers = new Set(outcome.findings.map((f) => f.pointer));
    expect(pointers).toEqual(new Set(['/taskState', '/result/1/taskState', '/status', '/result/0/status']));
    expect(outcome.findings.every((f) => /must be one of/.test(f.message))).toBe(true);
  });
});

describe('a site behind a web adaptor that wants a login', () => {
  const loginPage =
    '<!DOCTYPE html><html><head><title>Sign In</title></head><body><form method="post" action="/arcgis/webadaptor/login">' +
    '<input name="username"><input type="password" name="password"><button>Sign In</button></form></body></html>';
  const adaptor = (request: SeedRequest): SeedAnswer =>
    request.method === 'GET'
      ? {
          status: 302,
          contentType: 'text/html',
          body: '',
          headers: { location: '/arcgis/webadaptor/login?returnUrl=%2Farcgis%2Fadmin' },
        }
      : { status: 200, contentType: 'text/html; charset=utf-8', body: loginPage };

  it('gets transport findings that say so, and no schema or other error', async () => {
    const { outcome, exitCode, failedChecks } = await verifySeed({
      respond: (request) => (request.kind === 'token' ? undefined : adaptor(request)),
    });
    expect(failedChecks).toEqual(['transport']);
    expect(exitCode).toBe(1);
    expect(outcome.meta.siteVersion).toBeUndefined();
    const kinds = new Set(outcome.findings.map((f) => f.actual));
    expect(kinds).toEqual(new Set(['redirect', 'html-login-page']));
    expect(outcome.findings.every((f) => /web adaptor or single sign-on/.test(f.message))).toBe(true);
    expect(outcome.findings.some((f) => /redirect \(HTTP 302\) to \/arcgis\/webadaptor\/login/.test(f.message))).toBe(
      true,
    );
  });
});

describe('error paths, read-only', () => {
  it('probes an unknown and a malformed id and an unknown f once per resource kind; the seed answers them all', async () => {
    const { outcome } = await verifySeed();
    const rows = outcome.tally.filter((row) => row.check === 'error-paths');
    expect(rows.map((row) => `${row.endpoint} ${row.passed}`).sort()).toEqual([
      'GET /system/tasks 1',
      'GET /system/tasks/{taskId} 3',
      'GET /system/tasks/{taskId}/runs 2',
      'GET /system/tasks/{taskId}/runs/{runId} 3',
    ]);
  });

  const javaTrace =
    '<html><body><h1>HTTP Status 500 - Internal Server Error</h1><pre>java.lang.IllegalArgumentException: bad id\n' +
    '\tat com.esri.arcgis.tasks.TaskResource.get(TaskResource.java:88)</pre></body></html>';

  it('reports an HTML 500 with a stack trace as an error, on the probes only', async () => {
    const { outcome, failedChecks } = await verifySeed({
      respond: (request) => (request.known ? undefined : { status: 500, contentType: 'text/html', body: javaTrace }),
    });
    expect(failedChecks).toEqual(['error-paths']);
    const found = outcome.findings.filter((f) => f.check === 'error-paths');
    expect(found.length).toBe(5);
    expect(found.every((f) => /stack trace/.test(f.message) && /TaskResource\.java:88/.test(String(f.actual)))).toBe(
      true,
    );
  });

  it('warns when an unknown f is answered in the default format, and errs when an unknown id answers data', async () => {
    const { outcome, failedChecks } = await verifySeed({
      respond: (request, answer) => {
        if (request.format === 'xml')
          return { status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><body>tasks</body></html>' };
        if (request.kind === 'task' && !request.known && request.auth === 'valid')
          return { ...answer, body: JSON.stringify({ taskId: request.taskId }) };
        return undefined;
      },
    });
    expect(failedChecks).toEqual(['error-paths']);
    const found = outcome.findings.filter((f) => f.check === 'error-paths');
    expect(
      found
        .filter((f) => f.severity === 'warning')
        .map((f) => f.endpoint)
        .sort(),
    ).toEqual([
      'GET /system/tasks',
      'GET /system/tasks/{taskId}',
      'GET /system/tasks/{taskId}/runs',
      'GET /system/tasks/{taskId}/runs/{runId}',
    ]);
    const errors = found.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.message)).toEqual([
      'an unknown task id got a document (HTTP 200) instead of an error',
      'a malformed id got a document (HTTP 200) instead of an error',
    ]);
  });
});

describe('the site version', () => {
  it('is read from the admin root and heads every report', async () => {
    const { outcome } = await verifySeed({ siteVersion: '11.3' });
    expect(outcome.meta.siteVersion).toBe('11.3');
    expect(consoleReport(outcome)).toContain(
      "site version 11.3; judged as release 11.3 (the site's); unknown fields are warnings",
    );
    expect(junitReport(outcome)).toContain('<property name="siteVersion" value="11.3"/>');
  });

  it('is unknown, not an error, when the admin root does not say', async () => {
    const { outcome, exitCode } = await verifySeed({ siteVersion: null });
    expect(outcome.meta.siteVersion).toBeUndefined();
    expect(exitCode).toBe(0);
    expect(consoleReport(outcome)).toContain('site version unknown');
  });
});
