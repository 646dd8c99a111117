/** One line of a benchmark's result: a figure of ours beside the peer's from the same run. */
export interface BenchRow {
  readonly name: string;
  readonly ours: number;
  readonly peer: number;
  readonly unit: string;
  /** True when a larger number is better (throughput), false for latency, memory, time. */
  readonly higherIsBetter: boolean;
  readonly peerName: string;
  readonly goal?: string;
}

function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}

/** The advantage of ours over the peer, > 1 when ours is better. */
function ratio(row: BenchRow): number {
  return row.higherIsBetter ? row.ours / row.peer : row.peer / row.ours;
}

export function printRows(title: string, rows: readonly BenchRow[]): void {
  process.stdout.write(`\n== ${title}\n`);
  for (const row of rows) {
    process.stdout.write(
      `${row.name.padEnd(44)} ours ${format(row.ours).padStart(12)} ${row.unit.padEnd(8)} ` +
        `${row.peerName} ${format(row.peer).padStart(12)}  ratio ${ratio(row).toFixed(2)}x` +
        `${row.goal ? `  (goal ${row.goal})` : ''}\n`,
    );
  }
}
