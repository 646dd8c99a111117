import { loadContract } from '../src/contract/load.js';
import { obtainToken } from '../src/http/token-client.js';
import { startMockServer } from '../src/mock/index.js';
import { verify } from '../src/verify/engine.js';
import type { VerifyOutcome } from '../src/verify/outcome.js';
import { DEFAULT_WRITE_CASES } from '../src/verify/writes/session.js';
import { printRows } from './report.js';

// `npm run bench writes`: what a default `verify --allow-writes` costs against the embedded mock
// (the committed fixtures), in requests and seconds, beside a read-only run of the same mock in
// the same process (the peer). Both must find nothing: the mock is a correct server.

async function timed(run: () => Promise<VerifyOutcome>): Promise<{ outcome: VerifyOutcome; seconds: number }> {
  const started = process.hrtime.bigint();
  const outcome = await run();
  return { outcome, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export async function runWritesBench(): Promise<void> {
  const contract = await loadContract();
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', clock: Date.now() });
  try {
    const token = await obtainToken({ tokenUrl: mock.tokenUrl, ...mock.credentials, referer: mock.url });
    const base = { contract, baseUrl: mock.adminUrl, token };
    await verify(base); // warm-up: the first run compiles the validators
    const read = await timed(() => verify(base));
    const writes = await timed(() => verify({ ...base, allowWrites: true, writeCases: DEFAULT_WRITE_CASES, seed: 1 }));
    for (const [label, run] of [
      ['read-only', read],
      ['--allow-writes', writes],
    ] as const)
      if (run.outcome.findings.length > 0)
        throw new Error(`${label} found ${run.outcome.findings.length} finding(s) on the mock: a false alarm`);
    const summary = writes.outcome.meta.writes;
    printRows(
      `writes: default --allow-writes (${summary?.negative} to refuse, ${summary?.positive} to accept, chain) vs read-only, same mock`,
      [
        {
          name: 'requests',
          ours: writes.outcome.meta.requests,
          peer: read.outcome.meta.requests,
          unit: 'requests',
          higherIsBetter: false,
          peerName: 'read-only',
        },
        {
          name: 'wall time',
          ours: writes.seconds,
          peer: read.seconds,
          unit: 's',
          higherIsBetter: false,
          peerName: 'read-only',
        },
      ],
    );
  } finally {
    await mock.close();
  }
}
