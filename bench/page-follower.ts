/**
 * What one dashboard page asks of the mock, without a browser: it holds the change feed
 * (`/__mock/ui/events`) and, when an event names a revision it has not read, reads the view
 * (`/__mock/ui/view?days=1`) by the page's rule (src/mock/ui/dashboard-client.js): one read at a
 * time, at most once a second, and three times as long as the last read took when that is longer.
 * A plain client costs the load generator's core next to nothing, where Chromium takes a share of
 * it: so the mock's req/s beside this follower is the page's cost to the mock alone.
 */
export interface PageFollower {
  /** Views read so far, each checked to be the mock's state (200, tasks and journal entries). */
  readonly reads: () => number;
  /** Resolves once the first view was read. */
  readonly firstRead: Promise<void>;
  stop(): Promise<void>;
}

const MIN_READ_GAP_MS = 1000;
const MAX_READ_GAP_MS = 5000;

interface ViewShape {
  revision?: unknown;
  tasks?: unknown;
  journal?: { requests?: unknown };
}

async function readView(base: string): Promise<number> {
  const res = await fetch(`${base}/__mock/ui/view?days=1`);
  const view = (await res.json()) as ViewShape;
  const requests = view.journal?.requests;
  if (
    !res.ok ||
    typeof view.revision !== 'number' ||
    !Array.isArray(view.tasks) ||
    view.tasks.length === 0 ||
    !Array.isArray(requests) ||
    requests.length === 0
  )
    throw new Error(
      `the dashboard's view is not the mock's state: ${res.status} ${JSON.stringify(view).slice(0, 200)}`,
    );
  return view.revision;
}

export async function followLikeThePage(base: string): Promise<PageFollower> {
  const stopping = new AbortController();
  const feed = await fetch(`${base}/__mock/ui/events`, { signal: stopping.signal });
  if (!feed.ok || !feed.body) throw new Error(`the change feed answered ${feed.status}`);
  let reads = 0;
  let seen = -1;
  let latest = -1;
  let inFlight = false;
  let timer: NodeJS.Timeout | undefined;
  let nextAllowed = 0;
  let failed: unknown;
  let markFirst: () => void = () => {};
  let failFirst: (error: unknown) => void = () => {};
  const firstRead = new Promise<void>((resolve, reject) => {
    markFirst = resolve;
    failFirst = reject;
  });

  const read = async (): Promise<void> => {
    timer = undefined;
    inFlight = true;
    const began = performance.now();
    try {
      seen = await readView(base);
      reads++;
      markFirst();
    } catch (error) {
      if (stopping.signal.aborted) return;
      failed = error;
      failFirst(error);
    } finally {
      inFlight = false;
      const took = performance.now() - began;
      nextAllowed = performance.now() + Math.max(MIN_READ_GAP_MS, Math.min(MAX_READ_GAP_MS, 3 * took));
      if (latest !== seen) schedule();
    }
  };
  const schedule = (): void => {
    if (inFlight || timer || stopping.signal.aborted || failed) return;
    timer = setTimeout(() => void read(), Math.max(0, nextAllowed - performance.now()));
  };

  const listening = (async () => {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of feed.body as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let end = buffered.indexOf('\n\n');
        while (end !== -1) {
          const data = /^data: (\d+)$/m.exec(buffered.slice(0, end));
          if (data) latest = Number(data[1]);
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
        }
        if (latest !== seen) schedule();
      }
    } catch (error) {
      if (!stopping.signal.aborted) failed = error;
    }
  })();

  return {
    reads: () => reads,
    firstRead,
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await listening;
      if (failed) throw failed;
    },
  };
}
