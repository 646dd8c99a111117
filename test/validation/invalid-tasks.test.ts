import { describe, expect, it } from '@jest/globals';
import { loadContract } from '../../src/contract/index.js';
import { ContractValidator } from '../../src/validation/index.js';

const contract = await loadContract();
const validator = new ContractValidator(contract);
const taskValidator = validator.forComponent('Task');
const examples = contract.operationsById
  .get('getTask')!
  .responses.get('200')!
  .content.get('application/json')!.examples;

type Doc = Record<string, unknown>;
const sample = (name: string): Doc => structuredClone(examples.get(name)) as Doc;
const cleaner = () => sample('CleanGPJobs');
const backup = () => sample('CreateBackup');
const retention = () => sample('BackupRetentionCleaner');

function edit(doc: Doc, change: (doc: Doc) => void): Doc {
  change(doc);
  return doc;
}
const params = (doc: Doc) => doc['parameters'] as Doc;
const meta = (doc: Doc) => params(doc)['metaData'] as Doc;

/** One defect per document; the pointer the validator must name, and the variant it must say it checked. */
const corpus: { defect: string; doc: Doc; pointer: string; variant?: string }[] = [
  {
    defect: 'taskState outside its enum',
    doc: { ...cleaner(), taskState: 'running' },
    pointer: '/taskState',
    variant: 'CleanGPJobs',
  },
  { defect: 'id that is not hex', doc: { ...cleaner(), id: 'zz1ba86743414f929c0c1f38b32f1c9c' }, pointer: '/id' },
  {
    defect: 'taskId in upper case',
    doc: { ...retention(), taskId: '05422480F3014101A467314182F5D858' },
    pointer: '/taskId',
  },
  { defect: 'ownerId too short', doc: { ...backup(), ownerId: 'f4630325200d48d3' }, pointer: '/ownerId' },
  {
    defect: 'type of another task type',
    doc: { ...backup(), type: 'GP_JOBS_CLEANER_TASK_TYPE' },
    pointer: '/type',
    variant: 'CreateBackup',
  },
  { defect: 'unknown taskType', doc: { ...cleaner(), taskType: 'CompactDatabase' }, pointer: '/taskType' },
  { defect: 'missing taskType', doc: edit(cleaner(), (d) => delete d['taskType']), pointer: '/taskType' },
  { defect: 'ISO-8601 created date', doc: { ...cleaner(), created: '2021-04-21T22:42:17Z' }, pointer: '/created' },
  {
    defect: 'formatted date with hour 13',
    doc: { ...cleaner(), updated: 'Apr 21, 2021, 13:42:17 PM' },
    pointer: '/updated',
  },
  {
    defect: 'epoch seconds instead of milliseconds',
    doc: { ...backup(), lastStart: 1634961600 },
    pointer: '/lastStart',
  },
  { defect: 'date as a boolean', doc: { ...backup(), startDate: true }, pointer: '/startDate' },
  { defect: 'generation as a string number', doc: { ...cleaner(), generation: '4' }, pointer: '/generation' },
  { defect: 'negative generation', doc: { ...retention(), generation: -1 }, pointer: '/generation' },
  { defect: 'active as a string', doc: { ...cleaner(), active: 'true' }, pointer: '/active' },
  { defect: 'maxOccurrences of 0', doc: { ...cleaner(), maxOccurrences: 0 }, pointer: '/maxOccurrences' },
  { defect: 'runIntervalSeconds of 0', doc: { ...cleaner(), runIntervalSeconds: 0 }, pointer: '/runIntervalSeconds' },
  {
    defect: 'missing required taskId',
    doc: edit(retention(), (d) => delete d['taskId']),
    pointer: '/taskId',
    variant: 'BackupRetentionCleaner',
  },
  {
    defect: 'missing required cronSchedule',
    doc: edit(cleaner(), (d) => delete d['cronSchedule']),
    pointer: '/cronSchedule',
  },
  {
    defect: 'cron expression with hour 25',
    doc: { ...cleaner(), cronExpression: '0 0 25 * * ?' },
    pointer: '/cronExpression',
  },
  {
    defect: 'five-field (Unix) cron expression',
    doc: { ...backup(), cronExpression: '0 4 * * 6' },
    pointer: '/cronExpression',
  },
  {
    defect: 'cronSchedule hour 24',
    doc: edit(cleaner(), (d) => ((d['cronSchedule'] as Doc)['hour'] = '24')),
    pointer: '/cronSchedule/hour',
  },
  {
    defect: 'cronSchedule without minute',
    doc: edit(cleaner(), (d) => delete (d['cronSchedule'] as Doc)['minute']),
    pointer: '/cronSchedule/minute',
  },
  { defect: 'itemId that is not a UUID', doc: { ...cleaner(), itemId: 'not-a-uuid' }, pointer: '/itemId' },
  { defect: 'orgId with punctuation', doc: { ...retention(), orgId: '0123456789ABCDE!' }, pointer: '/orgId' },
  {
    defect: 'a property the contract does not have',
    doc: { ...cleaner(), owner: 'admin' },
    pointer: '/owner',
    variant: 'CleanGPJobs',
  },
  {
    defect: 'CreateBackup without parameters',
    doc: edit(backup(), (d) => delete d['parameters']),
    pointer: '/parameters',
    variant: 'CreateBackup',
  },
  {
    defect: 'retention type year',
    doc: edit(backup(), (d) => ((meta(d)['retention'] as Doc)['type'] = 'year')),
    pointer: '/parameters/metaData/retention/type',
    variant: 'CreateBackup',
  },
  {
    defect: 'retention value 0',
    doc: edit(backup(), (d) => ((meta(d)['retention'] as Doc)['value'] = 0)),
    pointer: '/parameters/metaData/retention/value',
  },
  {
    defect: 'startTime without leading zero',
    doc: edit(backup(), (d) => (meta(d)['startTime'] = '4:00')),
    pointer: '/parameters/metaData/startTime',
  },
  {
    defect: 'passcode as a number',
    doc: edit(backup(), (d) => (params(d)['passcode'] = 12345678)),
    pointer: '/parameters/passcode',
  },
  {
    defect: 'retentionOffset as a string',
    doc: edit(backup(), (d) => (params(d)['retentionOffset'] = '1209600000')),
    pointer: '/parameters/retentionOffset',
  },
  {
    defect: 'CleanGPJobs with backup parameters',
    doc: { ...cleaner(), parameters: { name: 'x' } },
    pointer: '/parameters/name',
    variant: 'CleanGPJobs',
  },
];

describe('a corpus of invalid tasks, one defect each', () => {
  it('has at least 20 documents, each built from a valid seed sample', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    for (const name of ['CleanGPJobs', 'CreateBackup', 'BackupRetentionCleaner']) {
      expect(taskValidator.validate(sample(name)).violations).toEqual([]);
    }
  });

  it.each(corpus)('rejects $defect at $pointer', ({ doc, pointer, variant }) => {
    const result = taskValidator.validate(doc);
    expect(result.valid).toBe(false);
    expect(result.violations.map((v) => v.pointer)).toContain(pointer);
    const violation = result.violations.find((v) => v.pointer === pointer)!;
    expect(violation.message.startsWith(pointer)).toBe(true);
    if (variant) expect(violation.variant).toBe(variant);
    // one defect, one place: the diagnostics do not drown it in errors from other variants
    expect(new Set(result.violations.map((v) => v.pointer)).size).toBe(1);
  });
});

describe('diagnostics a person can act on', () => {
  it('says what was expected and what came, for a date that is neither form', () => {
    const [violation] = taskValidator.validate({ ...cleaner(), created: '2021-04-21T22:42:17Z' }).violations;
    expect(violation).toMatchObject({
      pointer: '/created',
      keyword: 'pattern',
      actual: '2021-04-21T22:42:17Z',
      variant: 'FormattedDate',
    });
    expect(violation!.message).toContain('must match FormattedDate');
  });

  it('names the type that was expected and the type that came', () => {
    const [violation] = taskValidator.validate({ ...cleaner(), generation: '4' }).violations;
    expect(violation).toMatchObject({ keyword: 'type', expected: 'integer', actual: '4' });
    expect(violation!.message).toBe('/generation must be integer; got "4" (string) [variant CleanGPJobs]');
  });

  it('lists the allowed task types for an unknown one', () => {
    const [violation] = taskValidator.validate({ ...cleaner(), taskType: 'CompactDatabase' }).violations;
    expect(violation!.expected).toEqual([
      'CleanGPJobs',
      'CreateBackup',
      'BackupRetentionCleaner',
      'CreateHealthCheckReports',
    ]);
  });

  it("finds defects inside a run's embedded task and inside list items", () => {
    const run = contract.operationsById
      .get('getRun')!
      .responses.get('200')!
      .content.get('application/json')!
      .examples.get('Run') as Doc;
    const broken = { ...structuredClone(run), task: { ...cleaner(), taskId: 'nope' } };
    expect(
      validator
        .forComponent('Run')
        .validate(broken)
        .violations.map((v) => v.pointer),
    ).toEqual(['/task/taskId']);
    const list = { result: [cleaner(), { ...backup(), taskState: 'stopped' }] };
    expect(
      validator
        .forComponent('TaskList')
        .validate(list)
        .violations.map((v) => v.pointer),
    ).toEqual(['/result/1/taskState']);
  });

  it('reports a response with an undocumented status or media type', () => {
    const getTask = contract.operationsById.get('getTask')!;
    expect(validator.validateResponse(getTask, 418, 'application/json', {}).violations[0]).toMatchObject({
      keyword: 'status',
      actual: 418,
    });
    expect(validator.validateResponse(getTask, 200, 'text/xml', '<a/>').violations[0]).toMatchObject({
      keyword: 'mediaType',
    });
    expect(validator.validateResponse(getTask, 200, 'application/json; charset=utf-8', cleaner()).valid).toBe(true);
  });

  it('accepts either error envelope on HTTP 200 and rejects a half-envelope', () => {
    const getTask = contract.operationsById.get('getTask')!;
    const portal = { error: { code: 498, message: 'Invalid token.', details: [] } };
    const admin = { status: 'error', messages: ['Token Required.'], code: 499 };
    expect(validator.validateResponse(getTask, 200, 'application/json', portal).valid).toBe(true);
    expect(validator.validateResponse(getTask, 200, 'application/json', admin).valid).toBe(true);
    expect(validator.validateResponse(getTask, 498, 'application/json', portal).valid).toBe(true);
    const half = validator.validateResponse(getTask, 200, 'application/json', { error: { message: 'x' } });
    expect(half.violations.map((v) => v.pointer)).toEqual(['/error/code']);
  });
});
