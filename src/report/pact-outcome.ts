import type { CompatibilityRow, InteractionVerdict, ReplayResult } from '../pact/index.js';

/** What `pact check-spec` found, as the reports render it. */
export interface PactCheckOutcome {
  readonly kind: 'check-spec';
  readonly spec: { readonly path: string; readonly version: string; readonly digest?: string };
  readonly verdicts: readonly InteractionVerdict[];
  readonly matrix: readonly CompatibilityRow[];
  readonly skipped: readonly string[];
}

/** What `pact verify` found: one result per replayed interaction, and can-i-deploy per consumer x provider. */
export interface PactVerifyOutcome {
  readonly kind: 'verify';
  readonly provider: { readonly url: string; readonly embeddedMock: boolean };
  readonly results: readonly ReplayResult[];
  readonly matrix: readonly {
    consumer: string;
    provider: string;
    providerUrl: string;
    pact: string;
    verified: boolean;
    passed: number;
    failed: number;
  }[];
}

export type PactOutcome = PactCheckOutcome | PactVerifyOutcome;
