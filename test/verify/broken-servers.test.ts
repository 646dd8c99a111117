import { describe, expect, it } from '@jest/globals';
import { CHECK_NAMES } from '../../src/verify/checks/registry.js';
import type { Json, SeedAnswer, SeedRequest, SeedServerOptions } from './helpers/seed-server.js';
import { verifySeed } from './helpers/verify-seed.js';

// Each case breaks exactly one rule of a server that otherwise serves the seed's three samples as
// they are; verify must catch it with the named check(s), and no other, and exit 1.

const isCleanGp = (task: Json) => task['taskType'] === 'CleanGPJobs';
const isBackup = (task: Json) => task['taskType'] === 'CreateBackup';
const onTask = (test: (task: Json) => boolean, change: (task: Json) => void) => (task: Json) => {
  if (test(task)) change(task);
  return task;
};
const answerWith = (
  when: (request: SeedRequest) => boolean,
  change: (answer: SeedAnswer) => SeedAnswer | 'reset' | 'stall',
) => ({
  respond: (request: SeedRequest, answer: SeedAnswer) => (when(request) ? change(answer) : undefined),
});
const taskRead =
  (format: string, method = 'GET') =>
  (request: SeedRequest) =>
    request.kind === 'task' &&
    request.known &&
    request.format === format &&
    request.method === method &&
    request.auth === 'valid';

interface Case {
  readonly name: string;
  readonly server: SeedServerOptions;
  readonly checks: string[];
  /** Text one of the findings' messages must contain. */
  readonly message?: RegExp;
  /** Per-request timeout; generous except where the timeout is the point (the suite shares the CPU). */
  readonly timeoutMs?: number;
  /** Verify with --strict. */
  readonly strict?: boolean;
}

const schemaCases: Case[] = [
  {
    name: 'wrong type: generation as a string',
    server: { mutateTask: onTask(isCleanGp, (t) => (t['generation'] = '4')) },
    checks: ['response-schema'],
    message: /must be integer/,
  },
  {
    name: 'bad enum: a run status the contract does not know',
    server: { mutateRun: (run) => ({ ...run, status: 'done' }) },
    checks: ['response-schema'],
  },
  {
    name: 'missing required: no orgId',
    server: { mutateTask: onTask(isCleanGp, (t) => delete t['orgId']) },
    checks: ['response-schema'],
    message: /orgId/,
  },
  {
    name: 'extra property, under --strict (by default a warning: see real-servers.test.ts)',
    server: { mutateTask: onTask(isCleanGp, (t) => (t['surprise'] = true)) },
    checks: ['response-schema'],
    message: /field \/surprise is not in the contract/,
    strict: true,
  },
  {
    name: 'bad date: ISO-8601 lastStart',
    server: { mutateTask: onTask(isCleanGp, (t) => (t['lastStart'] = '2021-04-22T02:00:00Z')) },
    checks: ['response-schema'],
  },
  {
    name: 'bad date: epoch seconds',
    server: { mutateTask: onTask(isBackup, (t) => (t['startDate'] = 1634961600)) },
    checks: ['response-schema'],
  },
  {
    name: 'non-hex id: ownerId in capitals',
    server: { mutateTask: onTask(isCleanGp, (t) => (t['ownerId'] = 'C076E404CEC9497488F008FC5B83E6FA')) },
    checks: ['response-schema'],
    message: /ownerId/,
  },
];

const invariantCases: Case[] = [
  {
    name: 'id differs from taskId',
    server: { mutateTask: onTask(isCleanGp, (t) => (t['id'] = '0'.repeat(32))) },
    checks: ['invariants'],
    message: /id-equals-task-id/,
  },
  {
    name: 'active disagrees with taskState',
    server: { mutateTask: onTask(isCleanGp, (t) => (t['active'] = false)) },
    checks: ['invariants'],
    message: /active/,
  },
  {
    name: 'cronExpression disagrees with cronSchedule',
    server: { mutateTask: onTask(isBackup, (t) => (t['cronExpression'] = '0 0 5 ? * 7')) },
    checks: ['invariants'],
    message: /cron/,
  },
  {
    name: 'runIntervalSeconds disagrees with the schedule',
    server: { mutateTask: onTask(isBackup, (t) => (t['runIntervalSeconds'] = 86400)) },
    checks: ['invariants'],
    message: /interval/,
  },
  {
    name: 'dayOfMonth and dayOfWeek both set',
    server: { mutateTask: onTask(isBackup, (t) => ((t['cronSchedule'] as Json)['dayOfMonth'] = '1')) },
    checks: ['invariants'],
    message: /cron-day-fields-exclusive/,
  },
  {
    name: 'created after updated',
    server: { mutateTask: onTask(isBackup, (t) => (t['created'] = 1735689600000)) },
    checks: ['invariants'],
    message: /created/,
  },
  {
    name: 'lastStart before created',
    server: { mutateTask: onTask(isBackup, (t) => (t['lastStart'] = 1600000000000)) },
    checks: ['invariants'],
    message: /last-start/,
  },
  {
    name: 'retentionOffset disagrees with the retention',
    server: { mutateTask: onTask(isBackup, (t) => ((t['parameters'] as Json)['retentionOffset'] = 86_400_000)) },
    checks: ['invariants'],
    message: /retention/,
  },
  {
    name: "a run's task is not its task",
    server: { mutateRun: (run) => ({ ...run, task: { ...(run['task'] as Json), taskTitle: 'other' } }) },
    checks: ['invariants'],
    message: /run-task-is-its-task/,
  },
  {
    name: 'run modified before created',
    server: { mutateRun: (run) => ({ ...run, modified: 'Apr 22, 2021, 1:59:00 AM' }) },
    checks: ['invariants'],
    message: /modified/,
  },
  {
    name: 'run created before its task',
    server: {
      mutateRun: (run) => ({ ...run, created: 'Apr 20, 2021, 2:00:00 AM', modified: 'Apr 20, 2021, 2:00:03 AM' }),
    },
    checks: ['invariants'],
  },
];

const negotiationCases: Case[] = [
  {
    name: 'f=pjson differs from f=json',
    server: answerWith(taskRead('pjson'), (a) => ({ ...a, body: a.body.replace('"gpCleanerTask"', '"renamed"') })),
    checks: ['pjson-equals-json'],
  },
  {
    name: 'f=html answers JSON',
    server: answerWith(
      (r) => r.format === 'html' && r.kind === 'task',
      () => ({ status: 200, contentType: 'application/json', body: '{"taskId":"x"}' }),
    ),
    checks: ['html-is-html'],
  },
  {
    name: 'wrong content type for f=json',
    server: answerWith(taskRead('json'), (a) => ({ ...a, contentType: 'text/plain;charset=utf-8' })),
    checks: ['content-type'],
  },
  {
    name: 'POST answers differently from GET',
    server: answerWith(
      (r) => r.kind === 'task' && r.method === 'POST' && r.auth === 'valid',
      (a) => ({ ...a, body: a.body.replace('"gpCleanerTask"', '"renamed"') }),
    ),
    checks: ['get-equals-post'],
  },
  {
    name: 'an error envelope under HTTP 200',
    server: answerWith(
      (r) => r.kind === 'task' && r.auth === 'valid' && r.format !== 'html' && r.taskId?.startsWith('05') === true,
      () => ({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ status: 'error', messages: ['Internal error.'], code: 500 }),
      }),
    ),
    checks: ['error-envelope'],
    message: /under HTTP 200/,
  },
  {
    name: 'an error status',
    server: answerWith(
      (r) => r.kind === 'task' && r.auth === 'valid' && r.format !== 'html' && r.taskId?.startsWith('05') === true,
      () => ({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ status: 'error', messages: ['Internal error.'], code: 500 }),
      }),
    ),
    checks: ['http-status'],
    message: /HTTP 500/,
  },
  {
    name: "the list's item differs from the task read",
    server: answerWith(
      (r) => r.kind === 'list' && r.format !== 'html' && r.auth === 'valid',
      (a) => ({ ...a, body: a.body.replace('"schedule2"', '"schedule3"') }),
    ),
    checks: ['list-consistency'],
  },
  {
    name: 'a task listed twice',
    server: answerWith(
      (r) => r.kind === 'list' && (r.format === 'json' || r.format === 'pjson') && r.auth === 'valid',
      (a) => {
        const body = JSON.parse(a.body) as { result: Json[] };
        return {
          ...a,
          body: JSON.stringify({ result: [...body.result, body.result[0]] }, null, a.body.includes('\n') ? 2 : 0),
        };
      },
    ),
    checks: ['list-consistency'],
    message: /listed twice/,
  },
];

const authCases: Case[] = [
  {
    name: 'auth not enforced',
    server: { noAuth: true },
    checks: ['auth-invalid', 'auth-required'],
    message: /answered anyway/,
  },
  {
    name: 'no token answers 498 instead of 499',
    server: answerWith(
      (r) => r.auth === 'none' && r.kind !== 'token',
      (a) => ({ ...a, body: a.body.replace('499', '498') }),
    ),
    checks: ['auth-required'],
  },
  {
    name: 'a bad token answers 499 instead of 498',
    server: answerWith(
      (r) => r.auth === 'invalid',
      (a) => ({ ...a, body: a.body.replace('498', '499') }),
    ),
    checks: ['auth-invalid'],
  },
];

const secretCases: Case[] = [
  {
    name: 'a plaintext passcode',
    server: { mutateTask: onTask(isBackup, (t) => ((t['parameters'] as Json)['passcode'] = 'canary-Passcode-31337')) },
    // the passcode invariant of src/fixtures says the same thing, from the data's side
    checks: ['invariants', 'secrets'],
    message: /plaintext passcode/,
  },
];

const transportCases: Case[] = [
  {
    name: 'connection reset on one read',
    server: answerWith(taskRead('json'), () => 'reset'),
    checks: ['transport'],
    message: /reset/,
  },
  {
    name: 'no answer within the timeout',
    server: answerWith(taskRead('pjson', 'POST'), () => 'stall'),
    checks: ['transport'],
    message: /timeout/,
    timeoutMs: 500,
  },
  {
    name: 'a body that is not JSON',
    server: answerWith(taskRead('json'), () => ({ status: 200, contentType: 'application/json', body: '{"taskId": ' })),
    checks: ['transport'],
    message: /not JSON/,
  },
  {
    name: 'an HTML login page instead of JSON',
    server: answerWith(taskRead('json'), () => ({
      status: 200,
      contentType: 'text/html',
      body: '<html><body><form method="post" action="/login"><input name="username"><input type="password" name="password"><button>Sign In</button></form></body></html>',
    })),
    checks: ['transport'],
    message: /login page/,
  },
];

describe('verify catches each broken rule with the right check', () => {
  for (const [group, cases] of Object.entries({
    schemaCases,
    invariantCases,
    negotiationCases,
    authCases,
    secretCases,
    transportCases,
  })) {
    describe(group, () => {
      for (const testCase of cases) {
        it(testCase.name, async () => {
          const { failedChecks, exitCode, outcome } = await verifySeed(testCase.server, {
            timeoutMs: testCase.timeoutMs ?? 10_000,
            strict: testCase.strict ?? false,
          });
          expect(failedChecks).toEqual([...testCase.checks].sort());
          expect(exitCode).toBe(1);
          if (testCase.message) expect(outcome.findings.some((f) => testCase.message!.test(f.message))).toBe(true);
          expect(outcome.errors).toEqual([]);
        });
      }
    });
  }
});

describe('the seed served as it is', () => {
  it('raises no finding at all (no false alarms) and exits 0', async () => {
    const { outcome, exitCode } = await verifySeed();
    expect(outcome.findings).toEqual([]);
    expect(outcome.errors).toEqual([]);
    expect(exitCode).toBe(0);
    // every registered check judged something, except the write checks (no writes without --allow-writes)
    const judged = new Set(outcome.tally.map((row) => row.check));
    expect(CHECK_NAMES.filter((name) => !judged.has(name))).toEqual([
      'write-effect',
      'write-refusal',
      'write-acceptance',
    ]);
  });

  it('takes a failed run for a run, not for an error envelope', async () => {
    const { outcome, exitCode } = await verifySeed({
      mutateRun: (run) => ({ ...run, status: 'failed', result: 'The job failed.' }),
    });
    expect(outcome.findings).toEqual([]);
    expect(exitCode).toBe(0);
  });
});
