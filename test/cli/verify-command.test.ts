import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { runCli } from '../helpers/cli.js';
import { type Json, startSeedServer } from '../verify/helpers/seed-server.js';

const dir = await mkdtemp(join(tmpdir(), 'verify-cli-'));
const env = { TASKS_CONTRACT_TOKEN: '', TASKS_CONTRACT_USERNAME: '', TASKS_CONTRACT_PASSWORD: '' };

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('tasks-contract verify, without --base-url', () => {
  it('verifies the embedded mock and exits 0', async () => {
    const report = join(dir, 'mock.json');
    const result = await runCli(['verify', '--report', `json:${report}`], { env });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('(embedded mock)');
    expect(result.stdout).toContain('Conforms: no findings.');
    expect(result.code).toBe(0);
    const json = JSON.parse(await readFile(report, 'utf8')) as {
      conforms: boolean;
      meta: { tasks: number; runs: number; embeddedMock: boolean };
    };
    expect(json.conforms).toBe(true);
    expect(json.meta.embeddedMock).toBe(true);
    expect(json.meta.tasks).toBeGreaterThan(0);
  });

  it('with --allow-writes, exercises the writes on the embedded mock and still exits 0', async () => {
    const result = await runCli(['verify', '--allow-writes'], { env });
    expect(result.stdout).toMatch(/POST \/system\/tasks\/createTask\s+response-schema\s+[1-9]\d*\s+0/);
    expect(result.stdout).toMatch(/GET \/system\/tasks\/\{taskId\}\s+write-effect\s+\d+\s+0/);
    expect(result.code).toBe(0);
  });
});

describe('exit codes', () => {
  // in this process, one after another: each refusal comes before any work
  it.each([
    [['--shard', '3/2'], /--shard 3\/2/],
    [['--shard', 'x'], /--shard must look like i\/n/],
    [['--report', 'xml:out.xml'], /--report must be junit:FILE, json:FILE or html:FILE/],
    [['--timeout', 'soon'], /--timeout must be a number of seconds/],
    [['--concurrency', '0'], /--concurrency must be between 1/],
    [['--checks', 'nonsense'], /unknown check nonsense/],
    [['--base-url', 'ftp://host/arcgis/admin', '--token', 't'], /--base-url must be http or https/],
    [['--base-url', 'http://127.0.0.1:1/arcgis/admin'], /no credentials: pass --token/],
    [
      ['--base-url', 'http://127.0.0.1:1/somewhere', '--username', 'u', '--password', 'p'],
      /is not an admin root .*: use --base-url http:\/\/127\.0\.0\.1:1\/somewhere\/admin/,
    ],
    [['--spec', join(dir, 'missing.yaml')], /cannot read spec/],
  ])('2 for a usage or config error: %j, in one line', async (args, message) => {
    const result = await runCli(['verify', ...args], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('2 when generateToken refuses the credentials', async () => {
    const seed = await startSeedServer();
    try {
      const result = await runCli(['verify', '--base-url', seed.adminUrl], {
        env: { ...env, TASKS_CONTRACT_USERNAME: 'seedadmin', TASKS_CONTRACT_PASSWORD: 'wrong-password' },
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/generateToken refused the credentials \(code 400\)/);
      expect(result.stderr).not.toContain('wrong-password');
    } finally {
      await seed.close();
    }
  });

  it('3 when nothing answers at all (connection refused), with a transport finding per request', async () => {
    const port = await closedPort();
    const report = join(dir, 'refused.json');
    const result = await runCli(
      [
        'verify',
        '--base-url',
        `http://127.0.0.1:${port}/arcgis/admin`,
        '--token',
        't0ken',
        '--report',
        `json:${report}`,
      ],
      { env },
    );
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('Unreachable: nothing answered');
    const json = JSON.parse(await readFile(report, 'utf8')) as {
      unreachable: boolean;
      findings: { check: string; actual: string }[];
    };
    expect(json.unreachable).toBe(true);
    expect(json.findings.length).toBeGreaterThan(0);
    expect(json.findings.every((f) => f.check === 'transport' && f.actual === 'refused')).toBe(true);
  });

  it('3 when the token URL does not answer', async () => {
    const port = await closedPort();
    const result = await runCli(
      ['verify', '--base-url', `http://127.0.0.1:${port}/arcgis/admin`, '--username', 'u', '--password', 'p'],
      { env },
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cannot reach the token URL .*connection refused/);
  });

  it('3 for a DNS failure, and 3 for TLS spoken to a plain-HTTP server', async () => {
    const dns = await runCli(
      [
        'verify',
        '--base-url',
        'http://no-such-host.invalid/arcgis/admin',
        '--token',
        't',
        '--report',
        `json:${join(dir, 'dns.json')}`,
      ],
      { env },
    );
    expect(dns.code).toBe(3);
    const dnsReport = JSON.parse(await readFile(join(dir, 'dns.json'), 'utf8')) as { findings: { actual: string }[] };
    expect(new Set(dnsReport.findings.map((f) => f.actual))).toEqual(new Set(['dns']));

    const seed = await startSeedServer();
    try {
      const tls = await runCli(
        [
          'verify',
          '--base-url',
          seed.adminUrl.replace('http:', 'https:'),
          '--token',
          't',
          '--report',
          `json:${join(dir, 'tls.json')}`,
        ],
        { env },
      );
      expect(tls.code).toBe(3);
      const tlsReport = JSON.parse(await readFile(join(dir, 'tls.json'), 'utf8')) as { findings: { actual: string }[] };
      expect(new Set(tlsReport.findings.map((f) => f.actual))).toEqual(new Set(['tls']));
    } finally {
      await seed.close();
    }
  });

  it('1 for findings, 0 for the seed served as it is', async () => {
    const good = await startSeedServer();
    const bad = await startSeedServer({
      mutateTask: (task: Json) => ({
        ...task,
        taskState: task['taskState'] === 'active' ? 'running' : task['taskState'],
      }),
    });
    try {
      const ok = await runCli(['verify', '--base-url', good.adminUrl, '--token', 'seed-token-0123456789'], { env });
      expect(ok.code).toBe(0);
      const broken = await runCli(['verify', '--base-url', bad.adminUrl, '--token', 'seed-token-0123456789'], { env });
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(/ERROR \[response-schema\] GET \/system\/tasks\/\{taskId\} at \/taskState/);
      expect(broken.stdout).toContain(`curl -sS '${bad.adminUrl}/system/tasks/`);
      expect(broken.stdout).toContain(`&token='"$TOKEN"`);
    } finally {
      await good.close();
      await bad.close();
    }
  });
});

describe('reports', () => {
  it('writes JUnit XML with one testcase per endpoint x check, parsed back', async () => {
    const seed = await startSeedServer({
      mutateTask: (task: Json) => (task['taskType'] === 'CleanGPJobs' ? { ...task, ownerId: 'not-hex' } : task),
    });
    const junit = join(dir, 'nested', 'verify.xml');
    const json = join(dir, 'verify.json');
    try {
      const result = await runCli(
        [
          'verify',
          '--base-url',
          seed.adminUrl,
          '--token',
          'seed-token-0123456789',
          '--report',
          `junit:${junit}`,
          '--report',
          `json:${json}`,
        ],
        { env },
      );
      expect(result.code).toBe(1);
    } finally {
      await seed.close();
    }
    const report = JSON.parse(await readFile(json, 'utf8')) as {
      tally: { endpoint: string; check: string; failed: number }[];
      findings: { check: string }[];
    };
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => ['testsuite', 'testcase'].includes(name),
    }).parse(await readFile(junit, 'utf8')) as {
      testsuites: {
        tests: string;
        failures: string;
        errors: string;
        testsuite: {
          name: string;
          tests: string;
          failures: string;
          testcase: { name: string; classname: string; failure?: { message: string; type: string } }[];
        }[];
      };
    };
    const suites = parsed.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual([...new Set(report.tally.map((row) => row.endpoint))]);
    const cases = suites.flatMap((s) => s.testcase.map((c) => ({ suite: s.name, ...c })));
    expect(cases).toHaveLength(report.tally.length);
    expect(Number(parsed.testsuites.tests)).toBe(report.tally.length);
    const failing = cases.filter((c) => c.failure);
    expect(failing.map((c) => `${c.classname} ${c.name}`).sort()).toEqual(
      report.tally
        .filter((r) => r.failed > 0)
        .map((r) => `${r.endpoint} ${r.check}`)
        .sort(),
    );
    expect(Number(parsed.testsuites.failures)).toBe(failing.length);
    expect(failing.every((c) => c.name === 'response-schema' && c.failure!.type === 'error')).toBe(true);
    for (const suite of suites) expect(Number(suite.tests)).toBe(suite.testcase.length);
  });

  it('never shows a token, password or passcode: canaries in every output', async () => {
    const canary = {
      token: 'CANARY-token-5e1f0a9b',
      password: 'CANARY-password-7d3c2e',
      passcode: 'CANARY-passcode-4b8a61',
    };
    const seed = await startSeedServer({
      token: canary.token,
      user: { username: 'canaryadmin', password: canary.password },
      // a leaky server: a plaintext passcode, and the token echoed into a message
      mutateTask: (task: Json) =>
        task['taskType'] === 'CreateBackup'
          ? {
              ...task,
              parameters: { ...(task['parameters'] as Json), passcode: canary.passcode },
              taskTitle: `echo ${canary.token}`,
            }
          : task,
    });
    const outputs: string[] = [];
    try {
      for (const [name, args, extraEnv] of [
        ['env', [], { TASKS_CONTRACT_USERNAME: 'canaryadmin', TASKS_CONTRACT_PASSWORD: canary.password }],
        ['flags', ['--username', 'canaryadmin', '--password', canary.password], {}],
        ['token', ['--token', canary.token], {}],
      ] as const) {
        const junit = join(dir, `canary-${name}.xml`);
        const json = join(dir, `canary-${name}.json`);
        const html = join(dir, `canary-${name}.html`);
        const result = await runCli(
          [
            'verify',
            '--base-url',
            seed.adminUrl,
            '--report',
            `junit:${junit}`,
            '--report',
            `json:${json}`,
            '--report',
            `html:${html}`,
            ...args,
          ],
          { env: { ...env, ...extraEnv } },
        );
        expect(result.code).toBe(1);
        outputs.push(
          result.stdout,
          result.stderr,
          ...(await Promise.all([junit, json, html].map((file) => readFile(file, 'utf8')))),
        );
      }
    } finally {
      await seed.close();
    }
    const all = outputs.join('\n');
    expect(all).toContain('[secrets]'); // the leak was found...
    expect(all).toContain('$TOKEN');
    for (const secret of Object.values(canary)) expect(all).not.toContain(secret); // ...and never shown
  });

  it('keeps URLs whole with a short password equal to a path segment, and still masks it where it is a secret', async () => {
    // the lab classic: admin/admin, and "admin" is also a segment of every admin URL
    const seed = await startSeedServer({
      user: { username: 'admin', password: 'admin' },
      mutateTask: (task: Json) => (task['taskType'] === 'CleanGPJobs' ? { ...task, password: 'admin' } : task),
    });
    const json = join(dir, 'short-password.json');
    let result: Awaited<ReturnType<typeof runCli>>;
    try {
      result = await runCli(['verify', '--base-url', seed.adminUrl, '--timeout', '30', '--report', `json:${json}`], {
        env: { ...env, TASKS_CONTRACT_USERNAME: 'admin', TASKS_CONTRACT_PASSWORD: 'admin' },
      });
    } finally {
      await seed.close();
    }
    expect(result.code).toBe(0); // an unknown field is a warning
    const report = JSON.parse(await readFile(json, 'utf8')) as {
      meta: { baseUrl: string };
      findings: { pointer: string; url: string; curl: string; actual: unknown }[];
    };
    expect(report.meta.baseUrl).toBe(seed.adminUrl);
    // GET and POST reads find it: GET URLs carry `?f=json`, POST ones send `f` in the form
    const leaks = report.findings.filter((f) => f.pointer === '/password');
    expect(leaks.length).toBeGreaterThan(0);
    for (const leak of leaks) {
      expect(leak.actual).toBe('********'); // a value equal to the password, masked whatever its length
      expect(leak.url).toMatch(/\/arcgis\/admin\/system\/tasks\/[0-9a-f]{32}(\?f=p?json)?$/);
      expect(leak.curl).toContain(`'${seed.adminUrl}/system/tasks/`);
    }
    expect(leaks.some((leak) => leak.url.endsWith('?f=json'))).toBe(true);
    expect(result.stdout).toContain(`tasks-contract verify ${seed.adminUrl}`);
    expect(`${result.stdout}${await readFile(json, 'utf8')}`).not.toMatch(/\/arcgis\/\[redacted\]/);
  });
});
