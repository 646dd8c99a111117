import type { Task } from '../shapes/contract-types.js';
import { toEpochMillis } from './dates.js';
import { QuartzSchedule } from './schedule.js';

/**
 * When a task may fire: its `cronExpression` (Quartz, UTC), never before `startDate` nor after
 * `endDate` (both inclusive, as Quartz's start and end times), at most `maxOccurrences` times in its
 * life (-1: without limit). Whether it is paused is the caller's business: a pause is a stretch of
 * time, not a property of the document alone.
 */
export interface TaskFirings {
  readonly schedule: QuartzSchedule;
  /** Epoch ms of the first instant it may fire (startDate), or -Infinity. */
  readonly start: number;
  /** Epoch ms of the last instant it may fire (endDate), or +Infinity. */
  readonly end: number;
  /** How many firings in its whole life; Infinity for -1. */
  readonly maxOccurrences: number;
}

/**
 * The firing rule of a task, or undefined when its expression is not a Quartz schedule.
 * @example firingsOf(task)?.schedule.nextFire(Date.now())
 */
export function firingsOf(task: Task): TaskFirings | undefined {
  const schedule = QuartzSchedule.tryParse(task.cronExpression);
  if (!schedule) return undefined;
  const start = task.startDate === undefined ? Number.NaN : toEpochMillis(task.startDate);
  const end = task.endDate === undefined ? Number.NaN : toEpochMillis(task.endDate);
  const max = task.maxOccurrences;
  return {
    schedule,
    start: Number.isNaN(start) ? Number.NEGATIVE_INFINITY : start,
    end: Number.isNaN(end) ? Number.POSITIVE_INFINITY : end,
    maxOccurrences: typeof max === 'number' && max > 0 ? max : Number.POSITIVE_INFINITY,
  };
}

/** The window `(after, upTo]` clipped to the task's start and end dates; empty when `upTo <= after`. */
export function clipToTaskDates(firings: TaskFirings, after: number, upTo: number): { after: number; upTo: number } {
  return { after: Math.max(after, firings.start - 1), upTo: Math.min(upTo, firings.end) };
}
