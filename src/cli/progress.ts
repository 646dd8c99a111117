/** Where a long command stands: `done` of `total` units (total 0: not known yet), and a few words more. */
export interface ProgressUpdate {
  readonly done: number;
  readonly total: number;
  readonly detail?: string;
}

/** The stream a progress line goes to: written to only when it is a TTY. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const CLEAR_LINE = '\r\x1b[2K';

/** Seconds as m:ss (or h:mm:ss). */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * One line of progress for a long command (verify, pact verify, report merge, record): done/total,
 * the rate and the time left, rewritten in place at most every `intervalMs`, cleared at the end.
 * It writes only to a TTY: nothing of it reaches a pipe, a log file or a report. Give it
 * `{ done, total }` from the command's `onProgress` callback.
 *
 * @example
 * const progress = new ProgressLine('verify', 'tasks');
 * await verify({ ..., onProgress: (p) => progress.update({ done: p.tasksDone, total: p.tasks }) });
 * progress.finish();
 */
export class ProgressLine {
  private readonly started: number;
  private last = Number.NEGATIVE_INFINITY;
  private shown = false;

  constructor(
    private readonly label: string,
    private readonly unit: string,
    private readonly stream: ProgressStream = process.stderr,
    private readonly options: { intervalMs?: number; now?: () => number } = {},
  ) {
    this.started = this.now();
  }

  /** Shows where the command stands; updates closer together than `intervalMs` are skipped. */
  update(progress: ProgressUpdate): void {
    if (!this.stream.isTTY) return;
    const now = this.now();
    if (now - this.last < (this.options.intervalMs ?? 100)) return;
    this.last = now;
    this.shown = true;
    this.stream.write(CLEAR_LINE + this.fit(this.line(progress, (now - this.started) / 1000)));
  }

  /** Clears the line, so what the command prints next starts clean. */
  finish(): void {
    if (this.shown) this.stream.write(CLEAR_LINE);
    this.shown = false;
  }

  /** The text of the line for a state after `elapsed` seconds. */
  line({ done, total, detail }: ProgressUpdate, elapsed: number): string {
    const parts = [this.label];
    if (total > 0) {
      const rate = elapsed > 0 ? done / elapsed : 0;
      parts.push(`${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${this.unit}`);
      parts.push(`${Math.round((100 * done) / total)}%`);
      if (rate > 0) parts.push(`${rate >= 10 ? Math.round(rate) : rate.toFixed(1)} ${this.unit}/s`);
      parts.push(
        done >= total ? `${clock(elapsed)} elapsed` : rate > 0 ? `ETA ${clock((total - done) / rate)}` : 'ETA –',
      );
    } else {
      parts.push(`${clock(elapsed)} elapsed`);
    }
    if (detail) parts.push(`(${detail})`);
    return parts.join('  ');
  }

  private fit(text: string): string {
    // a line wider than the terminal wraps, and \r then rewrites only its last part
    const width = this.stream.columns ?? 0;
    return width > 1 && text.length >= width ? `${text.slice(0, width - 2)}…` : text;
  }

  private now(): number {
    return this.options.now ? this.options.now() : performance.now();
  }
}
