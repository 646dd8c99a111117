import { InvalidArgumentError } from 'commander';

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
