import { isFailing } from '../verify/finding.js';
import type { VerifyOutcome } from '../verify/outcome.js';
import { EXIT } from './usage-error.js';

/** The exit code of a verify outcome (a run's or merged shards'): 3 nothing answered, 1 findings (warnings aside) or tool errors, else 0. */
export function exitCodeOf(outcome: VerifyOutcome): number {
  if (outcome.unreachable) return EXIT.unreachable;
  return outcome.findings.some(isFailing) || outcome.errors.length > 0 ? EXIT.findings : EXIT.ok;
}
