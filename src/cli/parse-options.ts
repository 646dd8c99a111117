import { InvalidArgumentError } from 'commander';
import { parseReportTarget, type ReportTarget } from '../report/targets.js';

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

/** A commander option parser for a repeatable `--report junit:FILE` / `--report json:FILE`. */
export function reportOption(raw: string, previous: ReportTarget[] = []): ReportTarget[] {
  const target = parseReportTarget(raw);
  if (typeof target === 'string') throw new InvalidArgumentError(target);
  return [...previous, target];
}
