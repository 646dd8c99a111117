import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFilterFields, RequestFilterError } from '../journal/filter.js';
import type { RequestJournal } from '../journal/journal.js';
import type { Params } from '../params.js';
import { parseParams } from '../params.js';
import type { TestDouble } from '../test-double.js';
import { ChangeFeed } from './change-feed.js';
import { dashboardPage } from './page.js';
import type * as ReadModel from './read-model.js';

/** Where the dashboard lives; every path of it starts here (and so under the control prefix: never journaled). */
export const DASHBOARD_PATH = '/__mock/ui';

/** The zooms of the timeline, in days either side of now. */
const TIMELINE_DAYS: readonly number[] = [1, 3, 7];

const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/**
 * `GET /__mock/ui`: a page served by the mock about the mock (tasks, timeline, journal, clock,
 * outcomes, scenarios). Its own requests are answered here, before the pipeline routes or journals
 * anything: the page, `/__mock/ui/view` (the read model as JSON; the journal's filters and the timeline's days in the
 * query), `/__mock/ui/events` (the change feed) and `/__mock/ui/tasks/{taskId}` (a task's document).
 * Whatever the page changes, it changes through the control endpoints a test uses.
 *
 * @example
 * if (dashboard.handle(req, res)) return; // first thing a request meets
 */
export class Dashboard {
  private readonly feed: ChangeFeed;
  /** Loaded when the page first asks (it brings cronstrue): a mock nobody looks at starts as fast as before. */
  private readModel: Promise<typeof ReadModel> | undefined;

  constructor(
    private readonly double: TestDouble,
    private readonly journal: RequestJournal,
    /** False once the server stops listening (open change feeds end then). */
    serving: () => boolean,
  ) {
    this.feed = new ChangeFeed(
      () => this.revision(),
      () => double.tick(),
      serving,
    );
  }

  /** One number that moves whenever anything the page shows changes (each part only goes up). */
  revision(): number {
    const { double, journal } = this;
    return double.store.revision + double.clock.revision + double.outcomes.revision + journal.revision;
  }

  /** Answers the request when it is the dashboard's (true), else leaves it alone (false). */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    if (!url.startsWith(DASHBOARD_PATH)) return false;
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const rest = path.slice(DASHBOARD_PATH.length);
    if (rest !== '' && !rest.startsWith('/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...COMMON_HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The dashboard only reads; changes go through the control endpoints (/__mock/clock, ...).');
      return true;
    }
    if (rest === '' || rest === '/') this.page(res);
    else if (rest === '/view') this.view(res, q === -1 ? '' : url.slice(q + 1));
    else if (rest === '/events') this.feed.open(req, res);
    else if (rest.startsWith('/tasks/')) this.task(res, rest.slice('/tasks/'.length));
    else this.text(res, 404, 'Not a page of the dashboard: open /__mock/ui.');
    return true;
  }

  /** Ends open change feeds (the server is closing). */
  close(): void {
    this.feed.close();
  }

  private page(res: ServerResponse): void {
    let built: ReturnType<typeof dashboardPage>;
    try {
      built = dashboardPage();
    } catch {
      // its files live beside the sources (src/mock/ui); a copy without them still serves the API
      return this.text(res, 500, "The dashboard's files (src/mock/ui) are not installed here.");
    }
    const { html, policy } = built;
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': policy,
      'Content-Length': Buffer.byteLength(html),
    });
    res.end(html);
  }

  private view(res: ServerResponse, query: string): void {
    const fields: Params = new Map();
    if (!parseParams(query, fields)) return this.json(res, 400, { error: 'The filter is not valid URL-encoded text.' });
    try {
      const days = Number(fields.get('days') ?? 1);
      fields.delete('days');
      if (!TIMELINE_DAYS.includes(days))
        throw new RequestFilterError(`days must be one of ${TIMELINE_DAYS.join(', ')}.`);
      const filter = parseFilterFields(fields, []);
      this.readModel ??= import('./read-model.js');
      this.readModel.then(
        (model) => {
          try {
            this.json(res, 200, model.dashboardView(this.double, this.journal, this.revision(), filter, days));
          } catch (error) {
            this.refuse(res, error);
          }
        },
        () => this.text(res, 500, 'The dashboard could not build its view.'),
      );
    } catch (error) {
      this.refuse(res, error);
    }
  }

  /** A filter the journal cannot use is the client's to fix (400, the one line); anything else is ours (500). */
  private refuse(res: ServerResponse, error: unknown): void {
    if (error instanceof RequestFilterError) this.json(res, 400, { error: error.message });
    else this.text(res, 500, 'The dashboard could not build its view.');
  }

  private task(res: ServerResponse, encodedId: string): void {
    let taskId: string;
    try {
      taskId = decodeURIComponent(encodedId);
    } catch {
      return this.text(res, 404, 'No such task.');
    }
    this.double.tick();
    const task = this.double.store.task(taskId);
    if (!task) return this.text(res, 404, 'No such task.');
    this.json(res, 200, task, true);
  }

  private json(res: ServerResponse, status: number, value: unknown, pretty = false): void {
    const body = pretty ? `${JSON.stringify(value, null, 2)}\n` : JSON.stringify(value);
    res.writeHead(status, {
      ...COMMON_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  }

  private text(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(text);
  }
}
