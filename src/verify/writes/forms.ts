import type { CreatableTaskType } from '../../domain/releases.js';
import type { SeededDraw } from './random.js';

/** Titles of the tasks verify creates: nothing else is ever created, edited or deleted. */
export const PROBE_PREFIX = 'tasks-contract-probe-';

/** The five cron fields of a form. */
export const CRON_FIELDS = ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'] as const;

const DAY_MS = 86_400_000;

/** A valid form's pieces, before it is flattened for the wire. */
export interface FormParts {
  readonly fields: Record<string, string>;
  readonly parameters: Record<string, unknown>;
  /** Sent instead of the parameters' JSON (a case about text that is not JSON). */
  rawParameters?: string;
}

/** The form a case sends: the fields, and the parameters as JSON text. */
export function flatten(parts: FormParts): Record<string, string> {
  return { ...parts.fields, parameters: parts.rawParameters ?? JSON.stringify(parts.parameters) };
}

/** A passcode the server must accept: 8 characters or more, drawn from the seed. */
export const drawPasscode = (draw: SeededDraw): string => `probe-${draw.text(12)}`;

/**
 * A createTask form that keeps every rule of the contract and the domain, for `type`: a weekly
 * schedule, dates a month apart in whole seconds (the formatted style has no milliseconds), at most
 * ten runs, and for backups a one-day retention with its matching offset.
 */
export function validCreateForm(type: CreatableTaskType, title: string, draw: SeededDraw, now: number): FormParts {
  const startDate = Math.floor(now / 1000) * 1000 + DAY_MS;
  const fields = {
    title,
    type,
    minute: '0',
    hour: '4',
    dayOfMonth: '?',
    month: '*',
    dayOfWeek: '7',
    startDate: String(startDate),
    endDate: String(startDate + 30 * DAY_MS),
    maxOccurrences: '10',
  };
  const parameters: Record<string, unknown> =
    type === 'CreateBackup'
      ? {
          name: title,
          passcode: drawPasscode(draw),
          storeName: 'default',
          metaData: { recurring: true, startTime: '04:00', retention: { type: 'day', value: 1 } },
          retentionOffset: DAY_MS,
          description: 'tasks-contract write case',
        }
      : { suiteIds: ['tasks-contract-probe-suite'], runName: title };
  return { fields, parameters };
}

/** The fields shrinking may take away from a create form: every optional one. */
export const OPTIONAL_CREATE_FIELDS = ['title', 'startDate', 'endDate', 'maxOccurrences'] as const;
export const OPTIONAL_PARAMETERS = ['description', 'retentionOffset', 'runName'] as const;
