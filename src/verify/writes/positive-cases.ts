import { cronExpressionFor, runIntervalSecondsFor } from '../../domain/cron.js';
import type { ReleaseProfile } from '../../domain/releases.js';
import type { CronSchedule } from '../../shapes/contract-types.js';
import { type FormParts, flatten, validCreateForm } from './forms.js';
import type { SeededDraw } from './random.js';
import type { ReadBackExpectation, WriteCase } from './write-case.js';

// Forms a server must accept, and what reading the task back must show. The schedules are drawn
// like the fixture generators' (what sites hold), plus the Quartz specials the contract's patterns allow.

const cron = (minute: string, hour: string, dayOfMonth: string, month: string, dayOfWeek: string): CronSchedule => ({
  minute,
  hour,
  dayOfMonth,
  month,
  dayOfWeek,
});

/** Quartz specials and boundaries: last day, weekday nearest, nth weekday, ranges, steps, lists, names. */
const SPECIAL_SCHEDULES: readonly [string, CronSchedule][] = [
  ['last day of the month (L)', cron('0', '2', 'L', '*', '?')],
  ['nearest weekday (15W)', cron('30', '3', '15W', '*', '?')],
  ['last weekday of the month (LW)', cron('0', '1', 'LW', '*', '?')],
  ['third Friday (6#3)', cron('0', '5', '?', '*', '6#3')],
  ['last Friday (6L)', cron('15', '23', '?', '*', '6L')],
  ['weekday range (MON-FRI)', cron('0', '22', '?', '*', 'MON-FRI')],
  ['hour step (0-23/6)', cron('0', '0-23/6', '*', '*', '?')],
  ['minute step (*/15)', cron('*/15', '*', '*', '*', '?')],
  ['month range by name (JAN-MAR)', cron('0', '4', '1', 'JAN-MAR', '?')],
  ['day list (1,15)', cron('0', '4', '1,15', '*', '?')],
  ['upper bounds (59 23 31 12 ?)', cron('59', '23', '31', '12', '?')],
  ['lower bounds (0 0 1 1 ?)', cron('0', '0', '1', '1', '?')],
];

function scheduleFields(schedule: CronSchedule): Record<string, string> {
  return { ...schedule };
}

function readBackOf(parts: FormParts, schedule: CronSchedule): Record<string, ReadBackExpectation> {
  const { fields } = parts;
  const expectations: Record<string, ReadBackExpectation> = {
    '/taskTitle': { equals: fields['title'] },
    '/taskType': { equals: fields['type'] },
    '/cronExpression': { equals: cronExpressionFor(schedule) },
    '/runIntervalSeconds': { equals: runIntervalSecondsFor(schedule) },
    '/cronSchedule/minute': { equals: schedule.minute },
    '/cronSchedule/dayOfWeek': { equals: schedule.dayOfWeek },
  };
  if (fields['startDate']) expectations['/startDate'] = { epochMs: Number(fields['startDate']) };
  if (fields['maxOccurrences']) expectations['/maxOccurrences'] = { equals: Number(fields['maxOccurrences']) };
  if (parts.parameters['passcode'] !== undefined) expectations['/parameters/passcode'] = { storedPasscode: true };
  return expectations;
}

/**
 * The createTask cases a server must accept, for each type the release can create: the specials
 * above, schedules drawn by the fixture generators, and boundary values (the smallest passcode,
 * maxOccurrences 1 and -1, the latest endDate, no optional field at all).
 */
export function positiveCreateCases(
  profile: ReleaseProfile,
  titleFor: (index: number) => string,
  draw: SeededDraw,
  now: number,
): WriteCase[] {
  if (!profile.createTask) return [];
  // the shapes the fixture generators give sites (verify may not import fixtures/): every few
  // hours, and daily, weekly or monthly at a drawn time of day
  const minute = String(draw.pick([0, 15, 30, 45, draw.int(0, 59)]));
  const hour = String(draw.int(0, 23));
  const drawn: [string, CronSchedule][] = [
    ['drawn hourly schedule', cron('0', `*/${draw.pick([1, 2, 3, 4, 6, 12])}`, '*', '*', '?')],
    ['drawn daily schedule', cron(minute, hour, '*', '*', '?')],
    ['drawn weekly schedule', cron(minute, hour, '?', '*', String(draw.int(1, 7)))],
    ['drawn monthly schedule', cron(minute, hour, String(draw.int(1, 28)), '*', '?')],
  ];
  const cases: WriteCase[] = [];
  let index = 0;
  for (const type of profile.creatableTypes) {
    const variants: [string, CronSchedule, (parts: FormParts) => void][] = [
      ...[...SPECIAL_SCHEDULES, ...drawn].map(([name, schedule]): [string, CronSchedule, (p: FormParts) => void] => [
        name,
        schedule,
        () => undefined,
      ]),
      [
        'passcode of exactly 8 characters',
        cron('0', '4', '?', '*', '7'),
        (p) => {
          if (type === 'CreateBackup') p.parameters['passcode'] = draw.text(8);
        },
      ],
      [
        'maxOccurrences 1',
        cron('0', '4', '?', '*', '7'),
        (p) => {
          p.fields['maxOccurrences'] = '1';
        },
      ],
      [
        'maxOccurrences -1 (unlimited)',
        cron('0', '4', '?', '*', '7'),
        (p) => {
          p.fields['maxOccurrences'] = '-1';
        },
      ],
      [
        'endDate at its maximum',
        cron('0', '4', '?', '*', '7'),
        (p) => {
          p.fields['endDate'] = '8640000000000000';
        },
      ],
      [
        'no optional field',
        cron('0', '4', '?', '*', '7'),
        (p) => {
          for (const name of ['startDate', 'endDate', 'maxOccurrences']) delete p.fields[name];
          delete p.parameters['description'];
          delete p.parameters['retentionOffset'];
        },
      ],
    ];
    for (const [name, schedule, tweak] of variants) {
      const parts = validCreateForm(type, titleFor(index++), draw, now);
      Object.assign(parts.fields, scheduleFields(schedule));
      tweak(parts);
      const passcode = parts.parameters['passcode'];
      cases.push({
        id: `createTask ${type} ${name}`,
        operation: 'createTask',
        expect: 'accept',
        rule: name,
        form: flatten(parts),
        taskType: type,
        readBack: readBackOf(parts, schedule),
        ...(typeof passcode === 'string' ? { passcode } : {}),
      });
    }
  }
  return cases;
}
