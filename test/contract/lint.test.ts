import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/contract/index.js';

const run = promisify(execFile);
const root = packageRoot();
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
/** A spec spectral:oas must flag: its operation has no operationId. */
const CONTROL_SPEC = `openapi: 3.1.0
info: { title: control, version: 1.0.0, description: d, contact: { name: c } }
servers: [{ url: 'https://example.com' }]
tags: [{ name: t, description: d }]
paths:
  /x:
    get:
      tags: [t]
      description: d
      responses: { '200': { description: ok } }
`;

// `npm run lint` runs both linters on the spec; these tests pin the result (0 errors, 0 warnings)
// so a change of the spec that lints dirty fails the suite even when run without the lint script.
describe('spec/openapi.yaml under the linters', () => {
  it('is clean under Spectral spectral:oas (no errors, no warnings), while a flawed control spec is not', async () => {
    // Both files in one Spectral run: the control proves that Spectral ran and applied the ruleset,
    // so a Spectral that fails to start (no JSON on stdout) fails this test instead of passing it.
    const dir = await mkdtemp(join(tmpdir(), 'spectral-control-'));
    const control = join(dir, 'control.yaml');
    await writeFile(control, CONTROL_SPEC);
    const args = ['lint', '--format', 'json', '--quiet', '--ruleset', '.spectral.yaml', 'spec/openapi.yaml', control];
    const { stdout } = await run(bin('spectral'), args, { cwd: root }).catch((e: { stdout?: string }) => ({
      stdout: e.stdout ?? '',
    }));
    const problems = JSON.parse(stdout) as { severity: number; code: string; source: string }[];
    const ours = problems.filter((p) => p.source === join(root, 'spec/openapi.yaml') && p.severity <= 1);
    expect(ours).toEqual([]);
    expect(problems.filter((p) => p.source === control).map((p) => p.code)).toContain('operation-operationId');
  });

  it('is valid under Redocly recommended (no errors, no warnings)', async () => {
    const { stdout } = await run(bin('redocly'), ['lint', '--format', 'json', 'spec/openapi.yaml'], {
      cwd: root,
    }).catch((e: { stdout: string }) => e);
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { totals: { errors: number; warnings: number } };
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});
