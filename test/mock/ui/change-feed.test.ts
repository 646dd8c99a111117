import { get, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RunningMock, startMockServer } from '../../../src/mock/index.js';

// The dashboard's change feed and view over plain HTTP: events are coalesced (a burst of requests
// gives a few events, not one per request), the last one carries the final revision, the view
// takes the journal's own filters and refuses a bad one, and open streams end when the server closes.

let mock: RunningMock;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, clock: '2026-01-15T12:00:00Z' });
});
afterAll(() => mock?.close());

/** Opens the feed; `events` fills with each event's data (revisions). */
async function openFeed(url: string): Promise<{ res: IncomingMessage; events: number[]; next: () => Promise<number> }> {
  const res = await new Promise<IncomingMessage>((resolve, reject) => get(url, resolve).on('error', reject));
  const events: number[] = [];
  const waiting: ((n: number) => void)[] = [];
  let buffer = '';
  res.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const data = /^data: (\d+)$/m.exec(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (data) {
        events.push(Number(data[1]));
        waiting.shift()?.(Number(data[1]));
      }
      end = buffer.indexOf('\n\n');
    }
  });
  return { res, events, next: () => new Promise<number>((resolve) => waiting.push(resolve)) };
}

interface View {
  revision: number;
  journal: { requests: { path: string; unmatched: boolean; seq: number }[] };
}

describe('the dashboard change feed and view', () => {
  it('coalesces a burst of requests into a few events, the last at the final revision', async () => {
    const feed = await openFeed(`${mock.url}/__mock/ui/events`);
    expect(feed.res.headers['content-type']).toContain('text/event-stream');
    const first = await feed.next(); // the revision when the stream opened
    const burst = 300;
    const started = Date.now();
    for (let i = 0; i < burst; i += 30)
      await Promise.all(
        Array.from({ length: 30 }, () => fetch(`${mock.url}/arcgis/admin/system/taks?f=json`).then((r) => r.text())),
      );
    const view = (await (await fetch(`${mock.url}/__mock/ui/view`)).json()) as View;
    expect(view.revision).toBeGreaterThanOrEqual(first + burst);
    while (feed.events.at(-1)! < view.revision) await feed.next();
    const elapsedMs = Date.now() - started;
    // one look every 250 ms at most, whatever the request rate (+2: the opening event and a boundary)
    expect(feed.events.length - 1).toBeLessThanOrEqual(Math.ceil(elapsedMs / 250) + 2);
    expect(feed.events.length - 1).toBeLessThan(burst);
    feed.res.destroy();
  });

  it('serves the newest requests first, filtered as the journal filters, and refuses a bad filter', async () => {
    await fetch(`${mock.url}/arcgis/admin/system/tasks?f=json`); // matched (a 499 without token is still listTasks)
    const all = (await (await fetch(`${mock.url}/__mock/ui/view`)).json()) as View;
    const seqs = all.journal.requests.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.journal.requests[0]!.path).toBe('/arcgis/admin/system/tasks');
    const unmatched = (await (await fetch(`${mock.url}/__mock/ui/view?unmatched=true`)).json()) as View;
    expect(unmatched.journal.requests.length).toBeGreaterThan(0);
    expect(unmatched.journal.requests.every((r) => r.unmatched)).toBe(true);
    const bad = await fetch(`${mock.url}/__mock/ui/view?operationId=listTask`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('did you mean "listTasks"');
    expect(mock.requests().some((r) => r.path.startsWith('/__mock'))).toBe(false);
  });

  it("keeps a large site's view bounded: every task listed, the first 60 with their runs", async () => {
    const large = await startMockServer({ port: 0, scenario: 'large-site' });
    try {
      const res = await fetch(`${large.url}/__mock/ui/view?days=7`);
      const text = await res.text();
      const view = JSON.parse(text) as { tasks: { runs: unknown[] }[]; timelineTasks: number };
      expect(view.tasks).toHaveLength(500);
      expect(view.tasks.slice(view.timelineTasks).every((t) => t.runs.length === 0)).toBe(true);
      expect(view.tasks.slice(0, view.timelineTasks).some((t) => t.runs.length > 0)).toBe(true);
      expect(text.length).toBeLessThan(3_000_000);
      expect((await fetch(`${large.url}/__mock/ui/view?days=30`)).status).toBe(400);
    } finally {
      await large.close();
    }
  }, 120_000);

  it('ends open streams itself when the server closes', async () => {
    const other = await startMockServer({ port: 0 });
    const feed = await openFeed(`${other.url}/__mock/ui/events`);
    await feed.next();
    // a stream the feed ends reaches its end; one close() cuts (after 1 s) is aborted instead
    const how = new Promise((resolve) => {
      feed.res.on('end', () => resolve('ended'));
      feed.res.on('aborted', () => resolve('cut'));
    });
    await other.close();
    expect(await how).toBe('ended');
  });
});
