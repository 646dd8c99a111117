import type { ContractModel } from '../../contract/model.js';
import { VerifyRun } from '../engine.js';
import { Ledger } from './ledger.js';
import { cleanUp } from './run-write-cases.js';

/** What `verify --cleanup LEDGER` did. */
export interface CleanupResult {
  readonly ledger: string;
  readonly baseUrl: string;
  /** Tasks, titles and runs still in the ledger (0: done, the file is removed). */
  readonly remaining: number;
}

/**
 * Finishes what a write run left (a crash, a second Ctrl+C): deletes the tasks its ledger names,
 * finds by title the creates whose answer never came, puts changed runs back. `ledger` is a path
 * the user named, or a message saying why it cannot be read.
 */
export async function cleanupFromLedger(options: {
  readonly contract: ContractModel;
  readonly ledgerPath: string;
  readonly token: string;
  readonly baseUrl?: string;
  readonly insecure?: boolean;
}): Promise<CleanupResult | string> {
  const ledger = Ledger.read(options.ledgerPath);
  if (typeof ledger === 'string') return ledger;
  const run = new VerifyRun({
    contract: options.contract,
    baseUrl: options.baseUrl ?? ledger.baseUrl,
    token: options.token,
    insecure: options.insecure ?? false,
  });
  try {
    await cleanUp({ run, ledger });
  } finally {
    run.close();
  }
  const remaining = ledger.titles.length + ledger.taskIds.length + ledger.restores.length;
  ledger.discardIfEmpty();
  return { ledger: options.ledgerPath, baseUrl: options.baseUrl ?? ledger.baseUrl, remaining };
}

/** The base URL a ledger names (so `--cleanup` needs no `--base-url`). */
export function ledgerBaseUrl(path: string): string | undefined {
  const ledger = Ledger.read(path);
  return typeof ledger === 'string' ? undefined : ledger.baseUrl;
}
