import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { packageRoot } from '../../src/spec/index.js';

const run = promisify(execFile);
const root = packageRoot();
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

// `npm run lint` runs both linters on the spec; these tests pin the result (0 errors, 0 warnings)
// so a change of the spec that lints dirty fails the suite even when run without the lint script.
describe('spec/openapi.yaml under the linters', () => {
  it('is clean under Spectral spectral:oas (no errors, no warnings)', async () => {
    const { stdout } = await run(bin('spectral'), ['lint', '--format', 'json', '--quiet', 'spec/openapi.yaml'], {
      cwd: root,
    }).catch((e: { stdout: string }) => e);
    const problems = (JSON.parse(stdout || '[]') as { severity: number; code: string; message: string }[]).filter(
      (p) => p.severity <= 1,
    );
    expect(problems).toEqual([]);
  });

  it('is valid under Redocly recommended (no errors, no warnings)', async () => {
    const { stdout } = await run(bin('redocly'), ['lint', '--format', 'json', 'spec/openapi.yaml'], {
      cwd: root,
    }).catch((e: { stdout: string }) => e);
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { totals: { errors: number; warnings: number } };
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});
