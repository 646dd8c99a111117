import type { OperationModel } from '../../contract/model.js';
import type { CreatableTaskType, ReleaseProfile } from '../../domain/releases.js';
import { CRON_FIELDS, type FormParts, flatten, validCreateForm } from './forms.js';
import type { SeededDraw } from './random.js';
import type { WriteCase } from './write-case.js';

// Forms a server must refuse, each breaking one rule and keeping every other field valid. The
// required fields come from the contract; the broken values from its patterns, enums and bounds;
// the cross-field rules from `src/domain` (the mock applies the same ones).

/** A value each cron field's pattern rejects: one past its range. */
const BROKEN_CRON: Readonly<Record<(typeof CRON_FIELDS)[number], string>> = {
  minute: '60',
  hour: '24',
  dayOfMonth: '32',
  month: '13',
  dayOfWeek: '8',
};

/** The required fields of an operation's form, as the contract lists them. */
function requiredFormFields(operation: OperationModel): string[] {
  const schema = operation.requestBody?.content.get('application/x-www-form-urlencoded')?.schema;
  const required = typeof schema === 'object' ? schema['required'] : undefined;
  return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
}

type Edit = (parts: FormParts) => void;

interface Breakage {
  readonly rule: string;
  readonly edit: Edit;
  readonly keep?: readonly string[];
  /** The passcode the case sends is the broken one: not a secret worth masking. */
  readonly brokenPasscode?: boolean;
  /** The type whose valid form the case starts from (default CreateBackup). */
  readonly base?: CreatableTaskType;
  /** A form field left out of the flattened form. */
  readonly drop?: string;
}

const setField =
  (name: string, value: string): Edit =>
  (parts) => {
    parts.fields[name] = value;
  };
const setParameter =
  (name: string, value: unknown): Edit =>
  (parts) => {
    parts.parameters[name] = value;
  };

/** The rules of a CreateBackup create form other than "a required field is missing". */
function createBreakages(profile: ReleaseProfile): Breakage[] {
  const out: Breakage[] = [
    {
      rule: 'passcode shorter than 8 characters',
      edit: setParameter('passcode', 'short77'),
      brokenPasscode: true,
      keep: ['parameters.passcode'],
    },
    {
      rule: 'endDate before startDate',
      edit: (p) => {
        p.fields['endDate'] = String(Number(p.fields['startDate']) - 1000);
      },
      keep: ['startDate', 'endDate'],
    },
    { rule: "both day fields are '?'", edit: setField('dayOfWeek', '?'), keep: ['dayOfMonth', 'dayOfWeek'] },
    { rule: "neither day field is '?'", edit: setField('dayOfMonth', '1'), keep: ['dayOfMonth', 'dayOfWeek'] },
    {
      rule: 'retentionOffset differs from the retention',
      edit: setParameter('retentionOffset', 2 * 86_400_000),
      keep: ['parameters.retentionOffset'],
    },
    ...CRON_FIELDS.map((name) => ({
      rule: `${name} breaks its pattern`,
      edit: setField(name, BROKEN_CRON[name]),
      keep: [name],
    })),
    { rule: 'type is not an enum value', edit: setField('type', 'NotATaskType'), keep: ['type'] },
    { rule: 'type CleanGPJobs cannot be created', edit: setField('type', 'CleanGPJobs'), keep: ['type'] },
    {
      rule: 'startDate below its minimum (epoch seconds)',
      edit: setField('startDate', '1700000000'),
      keep: ['startDate'],
    },
    { rule: 'maxOccurrences 0 (neither -1 nor >= 1)', edit: setField('maxOccurrences', '0'), keep: ['maxOccurrences'] },
    {
      rule: 'parameters are not JSON',
      edit: (p) => {
        p.rawParameters = '{"name": ';
      },
      keep: ['parameters'],
    },
    { rule: 'parameters without passcode', edit: (p) => void delete p.parameters['passcode'], brokenPasscode: true },
    {
      rule: 'parameters with an unknown field',
      edit: setParameter('unexpected', true),
      keep: ['parameters.unexpected'],
    },
    { rule: 'parameters name empty', edit: setParameter('name', ''), keep: ['parameters.name'] },
    {
      rule: 'retention type not an enum value',
      edit: (p) => {
        (p.parameters['metaData'] as Record<string, unknown>)['retention'] = { type: 'year', value: 1 };
      },
      keep: ['parameters.retentionOffset'],
    },
    {
      rule: 'startTime breaks its pattern',
      edit: (p) => {
        (p.parameters['metaData'] as Record<string, unknown>)['startTime'] = '25:00';
      },
    },
  ];
  // what a release cannot create is refused there, and accepted (a positive case) where it can
  if (!profile.creatableTypes.includes('CreateHealthCheckReports'))
    out.push({
      rule: `type CreateHealthCheckReports before 11.4 (release ${profile.version})`,
      // a valid health check form in every other field: only the release refuses it
      base: 'CreateHealthCheckReports',
      edit: () => undefined,
      keep: ['type'],
    });
  return out;
}

/** Builds one create case from a valid CreateBackup form and one breakage. */
function createCase(id: string, breakage: Breakage, title: string, draw: SeededDraw, now: number): WriteCase {
  const parts = validCreateForm(breakage.base ?? 'CreateBackup', title, draw, now);
  const passcode = parts.parameters['passcode'] as string | undefined;
  breakage.edit(parts);
  const form = flatten(parts);
  if (breakage.drop) delete form[breakage.drop];
  return {
    id,
    operation: 'createTask',
    expect: 'refuse',
    rule: breakage.rule,
    form,
    taskType: breakage.base ?? 'CreateBackup',
    ...(breakage.keep ? { keep: breakage.keep } : {}),
    ...(breakage.brokenPasscode || passcode === undefined ? {} : { passcode }),
  };
}

/** The createTask cases a server must refuse, at a release that has createTask. */
export function negativeCreateCases(
  operation: OperationModel,
  profile: ReleaseProfile,
  titleFor: (index: number) => string,
  draw: SeededDraw,
  now: number,
): WriteCase[] {
  if (!profile.createTask || !profile.creatableTypes.includes('CreateBackup')) return [];
  const cases: WriteCase[] = [];
  let index = 0;
  const next = () => titleFor(index++);
  // the cases first: a small --write-cases budget still runs them
  const breakages = createBreakages(profile);
  const missing: Breakage[] = requiredFormFields(operation).map((name) => ({
    rule: `${name} missing (required)`,
    edit: (p) => void delete p.fields[name],
    drop: name,
    ...(name === 'parameters' ? { brokenPasscode: true } : {}),
  }));
  const ordered = [
    breakages[0]!,
    missing.find((m) => m.rule.startsWith('hour'))!,
    breakages[1]!,
    ...missing,
    ...breakages.slice(2),
  ];
  const seen = new Set<string>();
  for (const breakage of ordered) {
    if (!breakage || seen.has(breakage.rule)) continue;
    seen.add(breakage.rule);
    cases.push(createCase(`createTask ${breakage.rule}`, breakage, next(), draw, now));
  }
  return cases;
}

/** Edit Task forms a server must refuse, for a CreateBackup task verify created. */
export function negativeUpdateCases(draw: SeededDraw): WriteCase[] {
  const make = (rule: string, form: Record<string, string>, keep?: string[]): WriteCase => ({
    id: `updateTask ${rule}`,
    operation: 'updateTask',
    expect: 'refuse',
    rule,
    form,
    ...(keep ? { keep } : {}),
  });
  const start = 1_800_000_000_000;
  return [
    make('a task keeps its type', { type: 'CleanGPJobs' }),
    make('passcode shorter than 8 characters', { parameters: JSON.stringify({ passcode: 'short77' }) }),
    make('endDate before startDate', { startDate: String(start), endDate: String(start - 1000) }),
    make("both day fields are '?'", { dayOfMonth: '?', dayOfWeek: '?' }),
    make('minute breaks its pattern', { minute: BROKEN_CRON.minute }),
    make('parameters are not JSON', { parameters: '{"passcode": ' }),
    make('retentionOffset differs from the retention', { parameters: JSON.stringify({ retentionOffset: 3 }) }),
    make('startDate below its minimum (epoch seconds)', { startDate: '1700000000' }),
    make('type is not an enum value', { type: `NotATaskType${draw.int(0, 9)}` }),
  ];
}

/** Edit Run forms a server must refuse (on an existing run, put back if the server takes it). */
export function negativeRunCases(): WriteCase[] {
  return [
    {
      id: 'updateRun unknown status',
      operation: 'updateRun',
      expect: 'refuse',
      rule: 'status is not a run status',
      form: { status: 'finished-maybe' },
    },
  ];
}
