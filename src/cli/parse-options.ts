import { InvalidArgumentError } from 'commander';
import { parseReportTarget, type ReportFormat, type ReportTarget } from '../report/targets.js';

/** A commander option parser for a whole number within bounds, with a message that says what to fix. */
export function integerOption(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (raw: string): number => {
    if (!/^-?\d+$/.test(raw.trim())) throw new InvalidArgumentError(`${name} must be a whole number, got "${raw}".`);
    const value = Number(raw);
    if (value < min || value > max) {
      throw new InvalidArgumentError(`${name} must be between ${min} and ${max}, got ${value}.`);
    }
    return value;
  };
}

/** A commander option parser for a repeatable `--report FORMAT:FILE`, for the given formats. */
export function reportOptionFor(formats?: readonly ReportFormat[]) {
  return (raw: string, previous: ReportTarget[] = []): ReportTarget[] => {
    const target = parseReportTarget(raw, formats);
    if (typeof target === 'string') throw new InvalidArgumentError(target);
    return [...previous, target];
  };
}

/** A commander option parser for a repeatable `--report junit:FILE` / `--report json:FILE`. */
export const reportOption = reportOptionFor();

/** A commander option parser for a choice among `values`. */
export function choiceOption<T extends string>(name: string, values: readonly T[]) {
  return (raw: string): T => {
    if (!values.includes(raw as T))
      throw new InvalidArgumentError(`${name} must be ${values.join(' or ')}, got "${raw}".`);
    return raw as T;
  };
}
