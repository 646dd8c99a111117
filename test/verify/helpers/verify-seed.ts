import { exitCodeOf } from '../../../src/cli/verify-command.js';
import { loadContractCached } from '../../../src/contract/load.js';
import { type VerifyOptions, verify } from '../../../src/verify/engine.js';
import type { VerifyOutcome } from '../../../src/verify/outcome.js';
import { SEED_TOKEN, type SeedServerOptions, startSeedServer } from './seed-server.js';

export interface SeedVerdict {
  readonly outcome: VerifyOutcome;
  readonly exitCode: number;
  /** The checks that reported a failing finding (warnings aside), sorted. */
  readonly failedChecks: string[];
}

/** Starts a seed server with these hooks, verifies it in-process, and stops it. */
export async function verifySeed(
  server: SeedServerOptions = {},
  options: Partial<VerifyOptions> = {},
): Promise<SeedVerdict> {
  const seed = await startSeedServer(server);
  try {
    const outcome = await verify({
      contract: await loadContractCached(),
      baseUrl: seed.adminUrl,
      token: SEED_TOKEN,
      // a correct server answers; the budget only ends a hang, so load must not reach it
      timeoutMs: 30_000,
      ...options,
    });
    return { outcome, exitCode: exitCodeOf(outcome), failedChecks: failedChecks(outcome) };
  } finally {
    await seed.close();
  }
}

export function failedChecks(outcome: VerifyOutcome): string[] {
  return [...new Set(outcome.findings.filter((f) => f.severity !== 'warning').map((f) => f.check))].sort();
}
