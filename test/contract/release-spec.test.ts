import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { parse, stringify } from 'yaml';
import { loadContract } from '../../src/contract/load.js';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import { rawDocument } from '../../src/contract/raw-document.js';
import { specForRelease } from '../../src/contract/release-spec.js';
import { resolveRelease } from '../../src/domain/releases.js';

// `spec --release V --out FILE`: the contract as of a release is still a contract.

const dir = mkdtempSync(join(tmpdir(), 'release-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const raw = parse(readFileSync(defaultSpecPath(), 'utf8')) as Record<string, unknown>;

async function contractAt(version: string) {
  const file = join(dir, `${version}.yaml`);
  writeFileSync(file, stringify(specForRelease(raw, resolveRelease(version).profile)));
  return loadContract(file);
}

function createTypes(contract: Awaited<ReturnType<typeof loadContract>>): unknown {
  const schema = contract.operationsById
    .get('createTask')
    ?.requestBody?.content.get('application/x-www-form-urlencoded')?.schema as {
    properties: { type: { enum: string[] } };
  };
  return schema.properties.type.enum;
}

describe('the contract as of a release', () => {
  it('11.3 creates only CreateBackup; 11.4 also CreateHealthCheckReports', async () => {
    expect(createTypes(await contractAt('11.3'))).toEqual(['CreateBackup']);
    expect(createTypes(await contractAt('11.4'))).toEqual(['CreateBackup', 'CreateHealthCheckReports']);
  });

  it('10.9 has no createTask, and says its release and the facts it was cut by', async () => {
    const contract = await contractAt('10.9');
    expect(contract.operationsById.has('createTask')).toBe(false);
    const info = rawDocument(contract).info as unknown as Record<string, unknown>;
    expect(info['x-release']).toBe('10.9');
    expect((info['x-release-facts'] as { since: string }[]).every((fact) => fact.since === '10.9')).toBe(true);
  });
});
