/** Operations per second of `fn`, best of `rounds` runs of about `ms` milliseconds each. */
function opsPerSecond(fn: (i: number) => unknown, { rounds = 3, ms = 700 } = {}): number {
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let count = 0;
    const start = process.hrtime.bigint();
    const deadline = start + BigInt(ms) * 1_000_000n;
    let now = start;
    while (now < deadline) {
      for (let k = 0; k < 256; k++) fn(count++);
      now = process.hrtime.bigint();
    }
    best = Math.max(best, count / (Number(now - start) / 1e9));
  }
  return best;
}

/** Ours and the peer's throughput on the same work, each warmed up first: one row of a benchmark. */
export function throughputRow(
  row: { name: string; fnOurs: (i: number) => unknown; fnPeer: (i: number) => unknown },
  labels: { unit: string; peerName: string; goal: string },
): { name: string; ours: number; peer: number; higherIsBetter: true; unit: string; peerName: string; goal: string } {
  opsPerSecond(row.fnOurs, { rounds: 1, ms: 200 }); // warm-up: JIT
  opsPerSecond(row.fnPeer, { rounds: 1, ms: 200 });
  return {
    name: row.name,
    ours: opsPerSecond(row.fnOurs),
    peer: opsPerSecond(row.fnPeer),
    higherIsBetter: true,
    ...labels,
  };
}
