import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { parse, stringify } from 'yaml';
import { loadContract, loadContractCached } from '../../src/contract/load.js';
import { defaultSpecPath } from '../../src/contract/package-root.js';
import { rawDocument } from '../../src/contract/raw-document.js';
import { contractForRelease, specForRelease } from '../../src/contract/release-spec.js';
import { RELEASES, resolveRelease } from '../../src/domain/releases.js';
import { ContractValidator } from '../../src/validation/contract-validator.js';

// `spec --release V --out FILE`: the contract as of a release is still a contract, and judges
// differently where the release differs.

const dir = mkdtempSync(join(tmpdir(), 'release-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const raw = parse(readFileSync(defaultSpecPath(), 'utf8')) as Record<string, unknown>;
const profile = (version: string) => resolveRelease(version).profile;

async function contractAt(version: string, document: Record<string, unknown> = raw) {
  const file = join(dir, `${version}-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(specForRelease(document, profile(version))));
  return loadContract(file);
}

type Contract = Awaited<ReturnType<typeof loadContract>>;

function createTypes(contract: Contract): unknown {
  const schema = contract.operationsById
    .get('createTask')
    ?.requestBody?.content.get('application/x-www-form-urlencoded')?.schema as {
    properties: { type: { enum: string[] } };
  };
  return schema.properties.type.enum;
}

/** The spec's own sample of a task type, as a Task document. */
const sample = (name: string) =>
  (raw['components'] as Record<string, Record<string, { value: unknown }>>)['examples']![name]!.value;

async function judgeAt(version: string) {
  // the cut of a loaded (dereferenced) contract, as the gate and the scenario checks use it
  const validator = ContractValidator.for(await contractForRelease(await loadContractCached(), profile(version)));
  return {
    task: (name: string) => validator.forComponent('Task').validate(sample(name)).violations,
    edit: (type: string) => validator.forComponent('UpdateTaskForm').validate({ type }).violations,
  };
}

describe('the contract as of a release', () => {
  it('11.3 creates only CreateBackup; 11.4 also CreateHealthCheckReports', async () => {
    expect(createTypes(await contractAt('11.3'))).toEqual(['CreateBackup']);
    expect(createTypes(await contractAt('11.4'))).toEqual(['CreateBackup', 'CreateHealthCheckReports']);
  });

  it('10.9 has no createTask, and says its release and the facts it was cut by', async () => {
    const contract = await contractAt('10.9');
    expect(contract.operationsById.has('createTask')).toBe(false);
    expect((await contractAt('10.9.1')).operationsById.has('createTask')).toBe(true);
    const info = rawDocument(contract).info as unknown as Record<string, unknown>;
    expect(info['x-release']).toBe('10.9');
    expect((info['x-release-facts'] as { since: string }[]).every((fact) => fact.since === '10.9')).toBe(true);
  });

  it('a CreateHealthCheckReports task is a task of 11.4, not of 11.3', async () => {
    const at113 = await judgeAt('11.3');
    const at114 = await judgeAt('11.4');
    expect(at114.task('CreateHealthCheckReports')).toEqual([]);
    expect(at113.task('CreateHealthCheckReports')).not.toEqual([]);
    expect(at113.task('CreateBackup')).toEqual([]);
  });

  it('10.9 has CleanGPJobs tasks only and edits only them; 10.9.1 adds the backup types', async () => {
    const at109 = await judgeAt('10.9');
    const at1091 = await judgeAt('10.9.1');
    expect(at109.task('CleanGPJobs')).toEqual([]);
    expect(at109.task('CreateBackup')).not.toEqual([]);
    expect(at109.task('BackupRetentionCleaner')).not.toEqual([]);
    expect(at1091.task('BackupRetentionCleaner')).toEqual([]);
    expect(at109.edit('CleanGPJobs')).toEqual([]);
    expect(at109.edit('CreateBackup')).not.toEqual([]);
    expect(at1091.edit('CreateBackup')).toEqual([]);
    expect(at1091.edit('CreateHealthCheckReports')).not.toEqual([]);
  });

  it('a CreateBackup task still exists at 11.4: the table cuts no type it does not name', async () => {
    expect((await judgeAt('11.4')).task('CreateBackup')).toEqual([]);
  });

  it('keeps the health-check paths from 11.2 only', async () => {
    const paths = {
      ...(raw['paths'] as object),
      '/healthCheck/run': { post: { operationId: 'runHealthCheck', responses: { '200': { description: 'ok' } } } },
    };
    const withHealth = { ...raw, paths };
    expect((await contractAt('11.1', withHealth)).operationsById.has('runHealthCheck')).toBe(false);
    expect((await contractAt('11.2', withHealth)).operationsById.has('runHealthCheck')).toBe(true);
  });

  it('every example left in the contract of each release is valid under it, and the cut ones are gone', async () => {
    for (const version of RELEASES) {
      const contract = await contractAt(version);
      const validator = ContractValidator.for(contract);
      const names: string[] = [];
      for (const operation of contract.operations)
        for (const response of operation.responses.values())
          for (const media of response.content.values())
            for (const [name, value] of media.examples) {
              names.push(name);
              const { violations } = validator.validateResponse(operation, response.status, media.mediaType, value);
              expect({ version, name, violations }).toEqual({ version, name, violations: [] });
            }
      expect(names.includes('CreateHealthCheckReports')).toBe(version === '11.4');
      expect(names.includes('CreateBackup')).toBe(version !== '10.9');
    }
  });
});
