import type { IncomingMessage, ServerResponse } from 'node:http';

/** How often open feeds look at the revision: at most four updates a second, however busy the mock is. */
const FEED_INTERVAL_MS = 250;
/** A comment line this often keeps proxies and the browser from dropping an idle stream. */
const HEARTBEAT_MS = 15_000;
/** Open streams at most (each is one socket): further ones are refused with 503. */
const MAX_STREAMS = 64;

/**
 * Server-Sent Events that say "the mock changed": each open stream gets `data: <revision>` when
 * the revision (one number, bumped by the store, clock, journal and outcomes) moved since the last
 * look. Changes are coalesced: one timer for all streams, running only while a stream is open, looks
 * every FEED_INTERVAL_MS; the page then fetches the view once. A mock under load pays one comparison
 * per interval, not one event per request.
 */
export class ChangeFeed {
  private readonly streams = new Set<ServerResponse>();
  private timer: NodeJS.Timeout | undefined;
  private sent = -1;
  private lastBeat = 0;

  constructor(
    private readonly revision: () => number,
    /** Called on every look before the revision is read (the schedules catch up on a running clock). */
    private readonly beforeLook: () => void,
    /** False once the server stops listening: streams end so that it can close. */
    private readonly serving: () => boolean,
  ) {}

  open(req: IncomingMessage, res: ServerResponse): void {
    if (this.streams.size >= MAX_STREAMS) {
      res
        .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '5' })
        .end('Too many dashboards.');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: 1000\ndata: ${this.current()}\n\n`);
    this.streams.add(res);
    const closed = () => this.drop(res);
    req.once('close', closed);
    res.once('close', closed);
    this.timer ??= setInterval(() => this.look(), FEED_INTERVAL_MS).unref();
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    for (const res of this.streams) {
      res.end();
      res.socket?.destroySoon();
    }
    this.streams.clear();
    this.stop();
  }

  private current(): number {
    this.beforeLook();
    return this.revision();
  }

  private look(): void {
    if (!this.serving()) return this.close();
    const revision = this.current();
    const now = Date.now();
    if (revision !== this.sent) {
      this.sent = revision;
      this.lastBeat = now;
      for (const res of this.streams) res.write(`data: ${revision}\n\n`);
    } else if (now - this.lastBeat >= HEARTBEAT_MS) {
      this.lastBeat = now;
      for (const res of this.streams) res.write(': still here\n\n');
    }
  }

  private drop(res: ServerResponse): void {
    this.streams.delete(res);
    if (this.streams.size === 0) this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sent = -1;
  }
}
